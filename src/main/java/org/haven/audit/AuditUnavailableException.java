package org.haven.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An entry of something read could not be written: what it was about must not be shown
 * (503, "try again in a moment").
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class AuditUnavailableException extends RuntimeException {

	AuditUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}

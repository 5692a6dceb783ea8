package org.haven.scheduling.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.haven.scheduling.internal.InvalidAvailability;
import org.haven.scheduling.internal.SlotTaken;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * How the booking pages and API read a time and answer a refused booking or move (409
 * taken, 400 invalid).
 */
final class BookingAnswers {

	private BookingAnswers() {
	}

	static Instant instant(String raw) {
		try {
			return Instant.parse(raw);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidAvailability("start", "That time was not understood.");
		}
	}

	static ResponseEntity<ProblemDetail> refused(RuntimeException refusal) {
		if (refusal instanceof SlotTaken taken) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, taken.getMessage()));
		}
		InvalidAvailability rejected = (InvalidAvailability) refusal;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rejected.getMessage());
		problem.setProperty("field", rejected.field());
		return ResponseEntity.badRequest().body(problem);
	}

}

package org.haven.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an /api/v1 operation answers beyond 401 and 403 (which every operation may
 * give), each an RFC 9457 problem. The API description lists them
 * ({@link ApiDescription}) and ApiContractIntegrationTests provokes every one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refusals {

	/** HTTP statuses: 400, 404, 409, 415. */
	int[] value();

}

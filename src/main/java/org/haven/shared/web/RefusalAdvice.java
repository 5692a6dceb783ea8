package org.haven.shared.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A {@link Refusal} that reached no form: under /api/v1 a problem naming the refused
 * field (and its code, where the status alone is ambiguous), elsewhere Haven's error page
 * with the refusal's status. A form's refusal never gets here: {@link OnRefusal} shows
 * the form again.
 */
@ControllerAdvice
class RefusalAdvice {

	@ExceptionHandler(Refusal.class)
	ResponseEntity<ProblemDetail> refused(Refusal refusal, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!ApiProblems.isApi(request)) {
			response.sendError(refusal.status().value());
			return null;
		}
		return ResponseEntity.status(refusal.status())
			.contentType(ApiProblems.PROBLEM_JSON)
			.body(problem(refusal, request));
	}

	static ProblemDetail problem(Refusal refusal, HttpServletRequest request) {
		if (refusal.status() == HttpStatus.NOT_FOUND) {
			// The same answer whether the thing is missing or not the caller's, so that
			// ids
			// cannot be probed.
			return ApiProblems.problem(HttpStatus.NOT_FOUND, null, request);
		}
		ProblemDetail problem = ApiProblems.problem(refusal.status(), refusal.getMessage(), request);
		problem.setProperty("field", refusal.field());
		if (refusal.code() != null) {
			problem.setProperty("code", refusal.code());
		}
		return problem;
	}

}

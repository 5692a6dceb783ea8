package org.haven.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.DatabindException;

/**
 * Boot's error endpoint with two differences. A failed request under /api/ is answered
 * with an RFC 9457 problem whatever the Accept header asked for (a browser opening an API
 * URL included), naming the refused field where there is one. And /error asked for
 * directly, not as the error dispatch of a failed request, is a page that does not exist
 * rather than an error without a status.
 */
class HavenErrorController extends BasicErrorController {

	private final ErrorAttributes errorAttributes;

	HavenErrorController(ErrorAttributes errorAttributes, ErrorProperties properties,
			List<ErrorViewResolver> resolvers) {
		super(errorAttributes, properties, resolvers);
		this.errorAttributes = errorAttributes;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (!failed(request)) {
			request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.NOT_FOUND.value());
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		else if (ApiProblems.isApi(request)) {
			try {
				ApiProblems.write(response, problem(request));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return null;
		}
		return super.errorHtml(request, response);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		if (!failed(request)) {
			request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, HttpStatus.NOT_FOUND.value());
		}
		if (ApiProblems.isApi(request) || !failed(request)) {
			return answer(problem(request));
		}
		return super.error(request);
	}

	@Override
	public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
		if (ApiProblems.isApi(request)) {
			ProblemDetail problem = problem(request);
			return ResponseEntity.status(problem.getStatus())
				.contentType(ApiProblems.PROBLEM_JSON)
				.body(ApiProblems.json(problem));
		}
		return super.mediaTypeNotAcceptable(request);
	}

	private static ResponseEntity<Map<String, Object>> answer(ProblemDetail problem) {
		var answer = ResponseEntity.status(problem.getStatus()).contentType(ApiProblems.PROBLEM_JSON);
		if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			answer.header("WWW-Authenticate", ApiProblems.WWW_AUTHENTICATE);
		}
		return answer.body(ApiProblems.members(problem));
	}

	/**
	 * An error dispatch carries the failed request's status; a request for /error itself
	 * does not.
	 */
	private static boolean failed(HttpServletRequest request) {
		return request.getDispatcherType() == DispatcherType.ERROR
				&& request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) != null;
	}

	private ProblemDetail problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.INTERNAL_SERVER_ERROR && !failed(request)) {
			status = HttpStatus.NOT_FOUND;
		}
		Throwable error = errorAttributes.getError(new ServletWebRequest(request));
		ProblemDetail problem = ApiProblems.problem(status, detail(status, error), request);
		field(error).ifPresent(field -> problem.setProperty("field", field));
		return problem;
	}

	/**
	 * Spring's own wording for a request it could not take (it names the method, media
	 * type or parameter, never a value); a fixed sentence for anything else, which may
	 * come from deep inside Haven.
	 */
	private static String detail(HttpStatus status, Throwable error) {
		if (error instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
			return "'" + mismatch.getPropertyName() + "' is not a valid " + typeName(mismatch.getRequiredType()) + ".";
		}
		if (error instanceof HttpMessageNotReadableException unreadable) {
			return field(unreadable).map(f -> "'" + f + "' has a value of the wrong type.")
				.orElse("The request body is not valid JSON for this operation.");
		}
		if (error instanceof ErrorResponse response && status.is4xxClientError()
				&& response.getBody().getDetail() != null) {
			return response.getBody().getDetail();
		}
		return switch (status) {
			case UNAUTHORIZED -> "Sign in first: the API is authenticated by the session cookie of a sign-in.";
			case FORBIDDEN -> "This account may not do this.";
			case NOT_FOUND -> "There is nothing here, or it is not yours to see.";
			case BAD_REQUEST -> "The request was not understood.";
			default -> status.is5xxServerError() ? "Something went wrong on Haven's side. Please try again in a moment."
					: status.getReasonPhrase() + ".";
		};
	}

	private static String typeName(Class<?> type) {
		if (type == null) {
			return "value";
		}
		if (type == UUID.class) {
			return "id (a UUID)";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "whole number";
		}
		return type.getSimpleName();
	}

	private static Optional<String> field(Throwable error) {
		if (error instanceof TypeMismatchException mismatch) {
			return Optional.ofNullable(mismatch.getPropertyName());
		}
		if (error instanceof MissingServletRequestParameterException missing) {
			return Optional.of(missing.getParameterName());
		}
		if (error instanceof HttpMessageNotReadableException unreadable
				&& unreadable.getCause() instanceof DatabindException mapping && !mapping.getPath().isEmpty()
				&& mapping.getPath().get(0).getPropertyName() != null) {
			return Optional.of(mapping.getPath().get(0).getPropertyName());
		}
		return Optional.empty();
	}

}

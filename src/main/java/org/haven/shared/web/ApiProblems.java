package org.haven.shared.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one shape of every refusal under /api/v1: an RFC 9457 problem
 * (application/problem+json), written here for the answers that never reach a controller
 * (Spring Security's 401 and 403, the error dispatch). docs/api.md describes it.
 */
public final class ApiProblems {

	public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	/**
	 * How an API client signs in: the session cookie a sign-in form sets. There is no
	 * registered HTTP scheme for cookies; "Cookie" follows draft-broyer-http-cookie-auth,
	 * the one proposal for it.
	 */
	public static final String WWW_AUTHENTICATE = "Cookie realm=\"Haven\", form-action=\"/login\", cookie-name=\"HAVEN_SESSION\"";

	/**
	 * RFC 9457's type of a problem that says no more than its status; written out, so
	 * that every problem has all five members.
	 */
	public static final URI ABOUT_BLANK = URI.create("about:blank");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ApiProblems() {
	}

	/**
	 * Whether the request (or, on an error dispatch, the request that failed) is for the
	 * API.
	 */
	public static boolean isApi(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = failed instanceof String path ? path : request.getRequestURI();
		return uri.startsWith(request.getContextPath() + "/api/");
	}

	/**
	 * The request path, as the problem's instance: never the query, which may hold what a
	 * person typed.
	 */
	public static URI instance(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = failed instanceof String path ? path : request.getRequestURI();
		try {
			return URI.create(uri);
		}
		catch (IllegalArgumentException ex) {
			return URI.create(request.getContextPath() + "/api/");
		}
	}

	public static ProblemDetail problem(HttpStatusCode status, String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(instance(request));
		return problem;
	}

	/** A problem's members in RFC 9457 order, extension members (such as field) last. */
	public static Map<String, Object> members(ProblemDetail problem) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", (problem.getType() != null ? problem.getType() : ABOUT_BLANK).toString());
		members.put("title", problem.getTitle() != null ? problem.getTitle() : title(problem.getStatus()));
		members.put("status", problem.getStatus());
		members.put("detail", problem.getDetail() != null ? problem.getDetail() : title(problem.getStatus()) + ".");
		if (problem.getInstance() != null) {
			members.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		return members;
	}

	public static String json(ProblemDetail problem) {
		return JSON.writeValueAsString(members(problem));
	}

	public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE);
		}
		response.setStatus(problem.getStatus());
		response.setContentType(PROBLEM_JSON.toString());
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(JSON.writeValueAsBytes(members(problem)));
	}

	public static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return known != null ? known.getReasonPhrase() : "Error";
	}

}

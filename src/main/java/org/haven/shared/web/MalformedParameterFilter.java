package org.haven.shared.web;

import java.io.IOException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A query or form that cannot be decoded (a lone {@code %ff} is not UTF-8) is the
 * caller's mistake: 400, one line in the log. Left alone, Tomcat throws on every later
 * read of any parameter, so the first page or filter that reads one fails with a 500 and
 * a stack trace, and so does the error page after it. Multipart bodies are left to the
 * upload limits that read them.
 */
class MalformedParameterFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(MalformedParameterFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.regionMatches(true, 0, "multipart/", 0, 10)) {
			try {
				request.getParameterMap();
			}
			catch (InvalidParameterException malformed) {
				// The path only: the parameters may hold what a person typed.
				log.info("Refused a request to {} whose parameters could not be read", request.getRequestURI());
				refuse(request, response, HttpStatus.resolve(malformed.getErrorCode()));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/** Written here: the error page would read the parameters again. */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus known)
			throws IOException {
		HttpStatus status = known != null && known.is4xxClientError() ? known : HttpStatus.BAD_REQUEST;
		String detail = status == HttpStatus.BAD_REQUEST ? "The query or form is not valid percent-encoded UTF-8."
				: "The query or form could not be read: " + status.getReasonPhrase() + ".";
		if (ApiProblems.isApi(request)) {
			ApiProblems.write(response, ApiProblems.problem(status, detail, request));
			return;
		}
		response.setStatus(status.value());
		response.setContentType("text/plain;charset=UTF-8");
		response.getWriter().write(status.value() + " " + status.getReasonPhrase() + ": " + detail + "\n");
	}

}

package org.haven.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Keeps a copy of every HTML document a real browser loads from the application under
 * test, exactly as it was served (not the DOM after scripts ran), so that browser tests
 * check the markup of every page they reach: by opening it, following a link, submitting
 * a form, or being redirected, without a step to remember.
 *
 * <p>
 * Only top-level navigations are kept: Chromium marks them
 * {@code Sec-Fetch-Dest: document}, which scripts' requests and the tests' own HTTP
 * clients never send. Nothing is fetched a second time, so a page with an effect (a
 * one-time link, an audited view of a record) is not loaded again for the check.
 */
public final class ServedDocuments implements Filter {

	private static final Queue<Document> served = new ConcurrentLinkedQueue<>();

	/** A document the browser received: how it was asked for, its status and its text. */
	public record Document(String method, String path, int status, String html) {
	}

	/** The documents served since the last call, in the order they were served. */
	public static List<Document> drain() {
		List<Document> documents = new ArrayList<>();
		for (Document document; (document = served.poll()) != null;) {
			documents.add(document);
		}
		return documents;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
				|| !"document".equals(http.getHeader("Sec-Fetch-Dest"))) {
			chain.doFilter(request, response);
			return;
		}
		ContentCachingResponseWrapper copy = new ContentCachingResponseWrapper(httpResponse);
		try {
			chain.doFilter(request, copy);
		}
		finally {
			String contentType = copy.getContentType();
			byte[] body = copy.getContentAsByteArray();
			if (contentType != null && contentType.startsWith("text/html") && body.length > 0
					&& !request.isAsyncStarted()) {
				served.add(new Document(http.getMethod(), path(http), copy.getStatus(),
						new String(body, StandardCharsets.UTF_8)));
			}
			copy.copyBodyToResponse();
		}
	}

	/**
	 * The path asked for; on an error page, the path that failed rather than
	 * {@code /error}.
	 */
	private static String path(HttpServletRequest request) {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
			if (failed != null) {
				return failed.toString();
			}
		}
		return request.getRequestURI();
	}

}

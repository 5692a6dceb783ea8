package org.haven.identity.internal;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Pages no controller answers, whatever the method: a stranger who mistypes an address
 * gets "Page not found", not the sign-in form, and signing in never leads on to a page
 * that does not exist (an unknown path is no longer remembered as the page to return to).
 * A path a controller does answer (/appointments, /therapists/{id}/times) still asks for
 * sign-in, so this opens nothing that exists.
 * <p>
 * Only Spring MVC's request mappings count as answering. Static files have rules of their
 * own (identity's public list), and Haven maps no catch-all {@code /**} of static files
 * (StaticResources), so a resource handler never stands in for a page. The API is left
 * out: an anonymous call to any path under /api/ keeps its 401, as before.
 */
final class UnhandledPaths implements RequestMatcher {

	private static final String API = "/api/";

	private final Supplier<RequestMappingHandlerMapping> mappings;

	/** Read on first use: the mappings are complete only once the context is. */
	private volatile List<PathPattern> handled;

	UnhandledPaths(Supplier<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		if (path.value().startsWith(API)) {
			return false;
		}
		for (PathPattern pattern : handled()) {
			if (pattern.matches(path)) {
				return false;
			}
		}
		return true;
	}

	private List<PathPattern> handled() {
		List<PathPattern> patterns = handled;
		if (patterns == null) {
			patterns = mappings.get()
				.getHandlerMethods()
				.keySet()
				.stream()
				.flatMap(info -> info.getPatternValues().stream())
				.distinct()
				.map(PathPatternParser.defaultInstance::parse)
				.toList();
			handled = patterns;
		}
		return patterns;
	}

}

package org.haven.shared.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A browser asking for a page that does not exist gets Haven's "Page not found" page. With problem details
 * on, Spring answers every unknown path with JSON, which suits the API but shows a person raw JSON. So a
 * request that names text/html in its Accept header is sent through the servlet error page instead, which
 * renders templates/error.html with the navigation of whoever is signed in; every other client (the API,
 * curl, fetch with the default Accept) still gets problem details, unchanged.
 */
@Component
class PageNotFound implements HandlerExceptionResolver, Ordered {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception exception) {
		if (!(exception instanceof NoResourceFoundException) || !asksForHtml(request)) {
			return null;
		}
		try {
			response.sendError(HttpStatus.NOT_FOUND.value());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ModelAndView();
	}

	private static boolean asksForHtml(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** Before Spring MVC's own resolvers, which would answer with problem details. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}
}

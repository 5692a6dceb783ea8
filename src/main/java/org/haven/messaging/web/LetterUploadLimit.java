package org.haven.messaging.web;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A letter whose files go past the container's upload limits (spring.servlet.multipart)
 * leads back to its form with a message instead of an error page. Up to those limits the
 * letters form answers itself, keeping what was typed; past them Tomcat stops reading, so
 * the typed text is lost with the request and only the draft saved while typing remains.
 * Caught before Spring Security, since the CSRF check is what reads the form; a redirect
 * changes nothing, and the page it leads to has every check.
 */
@Configuration(proxyBeanMethods = false)
class LetterUploadLimit {

	private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

	private static final Pattern LETTER_FORM = Pattern.compile("/messages/(" + UUID + ")/letters(?:/(" + UUID + "))?");

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> letterUploadLimitFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OversizeRedirect());
		registration.addUrlPatterns("/messages/*");
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	static final class OversizeRedirect extends OncePerRequestFilter {

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			String type = request.getContentType();
			return !"POST".equals(request.getMethod()) || type == null
					|| !type.toLowerCase(Locale.ROOT).startsWith("multipart/")
					|| !LETTER_FORM.matcher(request.getRequestURI().substring(request.getContextPath().length()))
						.matches();
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				// Parses the parts now (the container keeps them for later), telling a
				// size failure from others.
				new StandardMultipartHttpServletRequest(request);
			}
			catch (MaxUploadSizeExceededException ex) {
				Matcher path = LETTER_FORM
					.matcher(request.getRequestURI().substring(request.getContextPath().length()));
				path.matches();
				String form = path.group(2) == null ? "/messages/" + path.group(1) + "/letters/new"
						: "/messages/" + path.group(1) + "/letters/" + path.group(2);
				response.sendRedirect(request.getContextPath() + form + "?tooLarge");
				return;
			}
			catch (MultipartException ex) {
				// Malformed: the usual handling further on answers it.
			}
			chain.doFilter(request, response);
		}

	}

}

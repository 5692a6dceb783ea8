package org.haven.directory.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.Part;
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
 * A photo over the upload limit (spring.servlet.multipart) gets the profile page with a
 * message, not an error page. It has to be caught before Spring Security: the CSRF check
 * reads the form, Tomcat gives up reading it at the limit and fails the request with 413
 * before any controller runs. Redirecting changes nothing, so it is safe ahead of the
 * CSRF and role checks; the page it leads to has both.
 */
@Configuration(proxyBeanMethods = false)
class PhotoUploadLimit {

	static final String PATH = "/therapist/profile/photo";
	static final long PHOTO_LIMIT = 2L * 1024 * 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> photoUploadLimitFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OversizeRedirect());
		registration.addUrlPatterns(PATH);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
		return registration;
	}

	static final class OversizeRedirect extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String type = request.getContentType();
			if ("POST".equals(request.getMethod()) && type != null
					&& type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
				try {
					// Parses the parts (the container keeps them for later), telling a
					// size failure from others.
					new StandardMultipartHttpServletRequest(request);
					// The multipart limit is the larger one of message attachments; a
					// photo has its own.
					for (Part part : request.getParts()) {
						if (part.getSize() > PHOTO_LIMIT) {
							response.sendRedirect(request.getContextPath() + "/therapist/profile?photoTooLarge");
							return;
						}
					}
				}
				catch (MaxUploadSizeExceededException ex) {
					response.sendRedirect(request.getContextPath() + "/therapist/profile?photoTooLarge");
					return;
				}
				catch (MultipartException ex) {
					// Malformed: the usual handling further on answers it.
				}
			}
			chain.doFilter(request, response);
		}

	}

}

package org.haven.identity.internal;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Absolute links for mails, from the configured public address. */
@Component
class Links {

	private final String baseUrl;

	Links(IdentityProperties properties) {
		String base = properties.baseUrl();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
	}

	String to(String path, String token) {
		return UriComponentsBuilder.fromUriString(baseUrl + path).queryParam("token", token).build().toUriString();
	}

	String to(String path) {
		return baseUrl + path;
	}

}

package org.haven.identity.internal;

import org.haven.shared.web.PublicLinks;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** Absolute links for mails, with a token where one is needed. */
@Component
class Links {

	private final PublicLinks links;

	Links(PublicLinks links) {
		this.links = links;
	}

	String to(String path, String token) {
		return UriComponentsBuilder.fromUriString(to(path)).queryParam("token", token).build().toUriString();
	}

	String to(String path) {
		return links.to(path).toString();
	}

}

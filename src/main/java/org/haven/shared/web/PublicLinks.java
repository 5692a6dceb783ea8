package org.haven.shared.web;

import java.net.URI;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Absolute links to Haven pages for mails and calendars, from the configured public
 * address (haven.base-url).
 */
@Component
@EnableConfigurationProperties(PublicAddressProperties.class)
public class PublicLinks {

	private final String baseUrl;

	PublicLinks(PublicAddressProperties address) {
		String baseUrl = address.baseUrl();
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/**
	 * @param path starting with a slash, e.g. {@code /appointments/<id>}
	 */
	public URI to(String path) {
		return URI.create(baseUrl + path);
	}

}

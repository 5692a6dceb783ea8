package org.haven.identity.internal;

import org.springframework.stereotype.Component;

/** Read-only settings the web layer shows to people. */
@Component
public class IdentityPropertiesView {

	private final IdentityProperties properties;

	IdentityPropertiesView(IdentityProperties properties) {
		this.properties = properties;
	}

	public long idleTimeoutSeconds() {
		return properties.session().idleTimeout().toSeconds();
	}

	public long resetTtlMinutes() {
		return properties.tokens().resetTtl().toMinutes();
	}

}

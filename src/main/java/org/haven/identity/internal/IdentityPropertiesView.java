package org.haven.identity.internal;

import org.springframework.stereotype.Component;

/** Read-only settings the web layer shows to people. */
@Component
public class IdentityPropertiesView {

	private final IdentityProperties properties;

	IdentityPropertiesView(IdentityProperties properties) {
		this.properties = properties;
	}

	/**
	 * When the browser's idle warning runs out, counted from a page's load: earlier than
	 * the idle timeout by how stale the server's last-seen time may be, and 5 seconds for
	 * the page's way to the browser, so that the browser signs out no later than the
	 * server does.
	 */
	public long idleWarningSeconds() {
		return Math.max(10,
				properties.session().idleTimeout().minus(properties.session().touchEvery()).toSeconds() - 5);
	}

	public long resetTtlMinutes() {
		return properties.tokens().resetTtl().toMinutes();
	}

}

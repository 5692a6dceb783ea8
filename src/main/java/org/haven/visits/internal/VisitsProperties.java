package org.haven.visits.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ICE servers for the browsers of a visit. Checked when bound, so that a mistake stops
 * Haven at start-up with a message naming the setting, rather than surfacing as calls
 * that never connect.
 *
 * @param stunUrls STUN servers ({@code stun:} or {@code stuns:}); empty: none
 * @param turnUrls TURN relays ({@code turn:} or {@code turns:}); empty: none
 * @param turnSecret the relay's shared secret (coturn's {@code static-auth-secret});
 * required with TURN URLs
 * @param turnCredentialTtl how long a TURN credential handed to a browser stays valid
 */
@ConfigurationProperties("haven.visits")
record VisitsProperties(@DefaultValue List<String> stunUrls, @DefaultValue List<String> turnUrls,
		@DefaultValue("") String turnSecret, @DefaultValue("1h") Duration turnCredentialTtl) {

	static final int MINIMUM_SECRET_LENGTH = 16;
	static final Duration SHORTEST_TTL = Duration.ofMinutes(5);
	static final Duration LONGEST_TTL = Duration.ofHours(24);

	public VisitsProperties {
		// An unset environment variable arrives as an empty string; a trailing comma as
		// an empty entry.
		stunUrls = cleaned(stunUrls).stream().map(url -> IceUrls.stun("haven.visits.stun-urls", url)).toList();
		turnUrls = cleaned(turnUrls).stream().map(url -> IceUrls.turn("haven.visits.turn-urls", url)).toList();
		turnSecret = turnSecret == null ? "" : turnSecret.strip();
		if (!turnUrls.isEmpty() && turnSecret.isEmpty()) {
			throw new IllegalArgumentException("haven.visits.turn-urls is set but haven.visits.turn-secret is empty: "
					+ "set HAVEN_VISITS_TURN_SECRET to the TURN server's static-auth-secret");
		}
		if (!turnSecret.isEmpty() && turnSecret.length() < MINIMUM_SECRET_LENGTH) {
			// The secret signs every credential; a short one can be guessed from a single
			// credential offline.
			throw new IllegalArgumentException("haven.visits.turn-secret is shorter than " + MINIMUM_SECRET_LENGTH
					+ " characters: generate one with openssl rand -base64 32");
		}
		if (turnCredentialTtl == null) {
			turnCredentialTtl = Duration.ofHours(1);
		}
		if (turnCredentialTtl.compareTo(SHORTEST_TTL) < 0 || turnCredentialTtl.compareTo(LONGEST_TTL) > 0) {
			// Shorter and a browser's credential may lapse before ICE finishes; longer
			// and a leaked one is an
			// open relay for too long.
			throw new IllegalArgumentException(
					"haven.visits.turn-credential-ttl is " + turnCredentialTtl + ": it must be between 5m and 24h");
		}
	}

	private static List<String> cleaned(List<String> urls) {
		return urls == null ? List.of() : urls.stream().map(String::strip).filter(url -> !url.isEmpty()).toList();
	}
}

package org.haven.visits.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN and TURN servers of Haven's configuration. TURN credentials follow the "TURN
 * REST API" convention that coturn checks with {@code use-auth-secret}: the username is
 * {@code <expiry in epoch seconds>:<account id>} and the password is
 * base64(HMAC-SHA1(secret, username)). The relay needs no user database and no call to
 * Haven, refuses a credential once its expiry has passed, and can count allocations per
 * account.
 */
final class ConfiguredIceServers implements IceServerProvider {

	private static final String HMAC = "HmacSHA1";

	private final VisitsProperties properties;

	private final Clock clock;

	ConfiguredIceServers(VisitsProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public List<IceServer> iceServersFor(UUID accountId) {
		List<IceServer> servers = new ArrayList<>(2);
		if (!properties.stunUrls().isEmpty()) {
			servers.add(IceServer.withoutCredentials(properties.stunUrls()));
		}
		if (!properties.turnUrls().isEmpty()) {
			long expiry = clock.instant().plus(properties.turnCredentialTtl()).getEpochSecond();
			String username = expiry + ":" + accountId;
			servers.add(new IceServer(properties.turnUrls(), username, sign(username)));
		}
		return List.copyOf(servers);
	}

	@Override
	public Duration credentialLifetime() {
		return properties.turnCredentialTtl();
	}

	private String sign(String username) {
		try {
			// A fresh Mac per call: instances are not thread-safe, and creating one is
			// cheap next to a request.
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(properties.turnSecret().getBytes(StandardCharsets.UTF_8), HMAC));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is part of every Java runtime", ex);
		}
	}

}

package org.haven.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of sign-in, sessions and emailed tokens (see application.yml for each key).
 */
@ConfigurationProperties("haven")
record IdentityProperties(String baseUrl, Session session, Login login, Tokens tokens) {

	record Session(Duration idleTimeout, Duration absoluteTimeout) {
	}

	record Login(int maxFailuresPerAccount, int maxFailuresPerAddress, int freeFailures, Duration maxDelay) {
	}

	record Tokens(Duration verificationTtl, @Name("reset-ttl") Duration resetTtl, Duration invitationTtl) {
	}
}

package org.haven.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Settings of sign-in, sessions and emailed tokens.
 *
 * @param session how long a signed-in session lasts
 * @param login how many failed sign-ins are tolerated before delays and locks
 * @param tokens how long the links sent by email stay valid
 */
@ConfigurationProperties("haven")
record IdentityProperties(Session session, Login login, Tokens tokens) {

	/**
	 * @param idleTimeout a session unused for this long is signed out
	 * @param absoluteTimeout a session is signed out this long after sign-in, however
	 * busy
	 */
	record Session(Duration idleTimeout, Duration absoluteTimeout) {
	}

	/**
	 * @param maxFailuresPerAccount failed sign-ins of one account (wrong passwords and
	 * second-factor codes together) in one hour before it is locked for the rest of that
	 * hour
	 * @param maxFailuresPerAddress failed sign-ins from one client address in one hour
	 * before it is refused for emails that are failing themselves
	 * @param freeFailures failures allowed before delays start; each further one doubles
	 * the delay
	 * @param maxDelay the longest delay after failed sign-ins
	 */
	record Login(int maxFailuresPerAccount, int maxFailuresPerAddress, int freeFailures, Duration maxDelay) {
	}

	/**
	 * @param verificationTtl how long an email verification link stays valid
	 * @param resetTtl how long a password reset link stays valid
	 * @param invitationTtl how long an invitation link stays valid
	 */
	record Tokens(Duration verificationTtl, @Name("reset-ttl") Duration resetTtl, Duration invitationTtl) {
	}
}

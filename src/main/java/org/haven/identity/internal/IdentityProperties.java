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

		/**
		 * How stale a session's last-seen time may be before a page view writes it again:
		 * a thirtieth of the idle timeout, at most 30 seconds. Between writes a request
		 * changes nothing in the session store, so a page view costs no write and no
		 * flush to disk there; a session may end up to this much before the idle timeout,
		 * never after, and the idle warning in the browser comes this much early too.
		 */
		Duration touchEvery() {
			Duration share = idleTimeout.dividedBy(30);
			return share.compareTo(Duration.ofSeconds(30)) < 0 ? share : Duration.ofSeconds(30);
		}
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

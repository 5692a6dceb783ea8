package org.haven.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits guessing. Failures of both sign-in steps (wrong passwords, wrong TOTP and
 * recovery codes) are counted per email (whether or not an account has it, so the limits
 * themselves reveal nothing) and per client address, in the database so that every node
 * sees them. After a few free failures for an email each further one doubles the wait
 * before the next attempt for it is even checked; past the hourly maximum the email is
 * refused until its failures of the last hour drop below the maximum again. Only a
 * completed sign-in (every factor) forgives an email's failures, so redoing the password
 * step resets nothing. An address past its own hourly maximum is refused only for emails
 * that are failing (past their free failures): many people may share one address, and a
 * flood from it must not lock out the others.
 * <p>
 * Unlike the send and frame budgets this is no token bucket, so it does not use bucket4j
 * ({@code shared.ratelimit}): the limits count the failures of the last hour (a window
 * that slides, where a bucket would give a third of the guesses back after 20 minutes),
 * the delay depends on how many there are and when the latest was, and a completed
 * sign-in deletes them. They stay rows of {@code login_failure}, so that every node sees
 * them and a restart forgives none.
 */
@Component
class LoginThrottle {

	private static final Duration WINDOW = Duration.ofHours(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final IdentityProperties.Login limits;

	LoginThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.limits = properties.login();
	}

	static String emailKey(String email) {
		return Hashes.sha256("email:" + email.trim().toLowerCase(Locale.ROOT));
	}

	static String addressKey(String address) {
		return Hashes.sha256("address:" + address);
	}

	/** Whether an attempt for this email from this address may be checked now. */
	@Transactional(readOnly = true)
	boolean allowed(String email, String address) {
		Instant now = clock.instant();
		List<Instant> failures = failuresOf(emailKey(email), now);
		int count = failures.size();
		if (count >= limits.maxFailuresPerAccount()) {
			return false;
		}
		if (count <= limits.freeFailures()) {
			return true;
		}
		if (now.isBefore(failures.get(0).plus(delayAfter(count)))) {
			return false;
		}
		return address == null || countOf(addressKey(address), now) < limits.maxFailuresPerAddress();
	}

	@Transactional
	void recordFailure(String email, String address) {
		Instant now = clock.instant();
		insert(emailKey(email), now);
		if (address != null) {
			insert(addressKey(address), now);
		}
	}

	/**
	 * Forgives the email's earlier failures (the address keeps its count). Only for a
	 * sign-in that is complete: after the password step of an account with a second
	 * factor it would let anyone with the password guess codes without limit.
	 */
	@Transactional
	void recordSuccess(String email) {
		jdbc.sql("delete from login_failure where failure_key = :key").param("key", emailKey(email)).update();
	}

	/** Drops failures older than the window; called from time to time. */
	@Transactional
	int purge() {
		return jdbc.sql("delete from login_failure where occurred_at < :cutoff")
			.param("cutoff", Timestamps.utc(clock.instant().minus(WINDOW)))
			.update();
	}

	/** The email's failures of the last hour, latest first. */
	private List<Instant> failuresOf(String key, Instant now) {
		return jdbc.sql("""
				select occurred_at from login_failure
				where failure_key = :key and occurred_at > :since
				order by occurred_at desc""")
			.param("key", key)
			.param("since", Timestamps.utc(now.minus(WINDOW)))
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.list();
	}

	private long countOf(String key, Instant now) {
		return jdbc.sql("select count(*) from login_failure where failure_key = :key and occurred_at > :since")
			.param("key", key)
			.param("since", Timestamps.utc(now.minus(WINDOW)))
			.query(Long.class)
			.single();
	}

	/**
	 * 1 s after the first failure past the free ones, then 2 s, 4 s, ... up to the
	 * configured maximum.
	 */
	Duration delayAfter(int failures) {
		int exponent = Math.min(30, failures - limits.freeFailures() - 1);
		Duration delay = Duration.ofSeconds(1L << Math.max(0, exponent));
		return delay.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : delay;
	}

	private void insert(String key, Instant now) {
		jdbc.sql("insert into login_failure (failure_key, occurred_at) values (:key, :at)")
			.param("key", key)
			.param("at", Timestamps.utc(now))
			.update();
	}

}

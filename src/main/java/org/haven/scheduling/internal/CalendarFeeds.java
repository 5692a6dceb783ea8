package org.haven.scheduling.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.haven.audit.AuditTrail;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each account's private calendar feed: a secret link a calendar application polls
 * without signing in. The token is shown once, when it is made, and only its SHA-256 is
 * stored: a copy of the database opens no feed, and since the lookup compares hashes, how
 * long it takes reveals nothing about the token.
 */
@Service
public class CalendarFeeds {

	/**
	 * Past sessions stay visible this long, and a cancellation reaches calendars that saw
	 * the session.
	 */
	static final Duration LOOK_BACK = Duration.ofDays(30);

	private static final SecureRandom RANDOM = new SecureRandom();

	/** 32 random bytes, base64url without padding: exactly 43 characters. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final JdbcClient jdbc;

	private final CalendarService calendars;

	private final Accounts accounts;

	private final AuditTrail audit;

	private final Clock clock;

	CalendarFeeds(JdbcClient jdbc, CalendarService calendars, Accounts accounts, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The account's feed, if it has one: when it was made and last fetched, never its
	 * link.
	 */
	@Transactional(readOnly = true)
	public Optional<Feed> find(UUID accountId) {
		return jdbc.sql("select created_at, last_fetched_at from calendar_feed where account_id = :id")
			.param("id", accountId)
			.query(CalendarFeeds::feed)
			.optional();
	}

	/**
	 * Makes the account's feed, or replaces its token so that the old link stops working
	 * at once.
	 * @return the new token, which is stored nowhere (the caller shows it once), and
	 * whether it replaced one
	 */
	@Transactional
	public Created create(UUID accountId) {
		String token = newToken();
		Instant now = clock.instant();
		// Insert-or-nothing then update, rather than a check then an insert: two clicks
		// at once both succeed.
		int inserted = jdbc.sql("""
				insert into calendar_feed (account_id, token_hash, created_at) values (:id, :hash, :now)
				on conflict do nothing""")
			.param("id", accountId)
			.param("hash", sha256(token))
			.param("now", Timestamps.utc(now))
			.update();
		if (inserted == 0) {
			jdbc.sql(
					"update calendar_feed set token_hash = :hash, created_at = :now, last_fetched_at = null where account_id = :id")
				.param("id", accountId)
				.param("hash", sha256(token))
				.param("now", Timestamps.utc(now))
				.update();
		}
		audit.record(AuditTrail.account(accountId), inserted == 1 ? "CALENDAR_FEED_CREATED" : "CALENDAR_FEED_REPLACED",
				AuditTrail.account(accountId));
		return new Created(token, inserted == 0);
	}

	/** Turns the feed off; the link answers 404 from now on. False if there was none. */
	@Transactional
	public boolean revoke(UUID accountId) {
		boolean revoked = jdbc.sql("delete from calendar_feed where account_id = :id")
			.param("id", accountId)
			.update() == 1;
		if (revoked) {
			audit.record(AuditTrail.account(accountId), "CALENDAR_FEED_REVOKED", AuditTrail.account(accountId));
		}
		return revoked;
	}

	/**
	 * The iCalendar feed of a token's account, or nothing for an unknown, replaced,
	 * revoked or malformed token or a disabled account, which callers must not tell
	 * apart. Fetches are not audited: calendar applications poll every few minutes, and
	 * the trail would fill with them.
	 */
	@Transactional
	public Optional<String> calendar(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return Optional.empty();
		}
		Optional<UUID> account = jdbc.sql("select account_id from calendar_feed where token_hash = :hash")
			.param("hash", sha256(token))
			.query(UUID.class)
			.optional()
			.filter(id -> accounts.find(id).filter(AccountSummary::active).isPresent());
		if (account.isEmpty()) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		jdbc.sql("update calendar_feed set last_fetched_at = :now where account_id = :id")
			.param("now", Timestamps.utc(now))
			.param("id", account.get())
			.update();
		return Optional.of(calendars.feed(account.get(), now.minus(LOOK_BACK)));
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Feed feed(ResultSet rs, int n) throws SQLException {
		OffsetDateTime fetched = rs.getObject("last_fetched_at", OffsetDateTime.class);
		return new Feed(rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				fetched == null ? null : fetched.toInstant());
	}

	public record Created(String token, boolean replaced) {
	}

	/**
	 * @param lastFetchedAt null until a calendar application first fetches the feed
	 */
	public record Feed(Instant createdAt, Instant lastFetchedAt) {
	}

}

package org.haven.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Single-use, expiring tokens sent by email. Only their SHA-256 is stored. */
@Component
class AccountTokens {

	enum Purpose {

		VERIFY_EMAIL, RESET_PASSWORD

	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AccountTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Issues a new token; earlier unused tokens of the same purpose stop working. */
	@Transactional
	String issue(UUID accountId, Purpose purpose, Duration ttl) {
		Instant now = clock.instant();
		jdbc.sql(
				"update account_token set used_at = :now where account_id = :account and purpose = :purpose and used_at is null")
			.param("now", Timestamps.utc(now))
			.param("account", accountId)
			.param("purpose", purpose.name())
			.update();
		String token = Hashes.newToken();
		jdbc.sql("""
				insert into account_token (token_hash, account_id, purpose, created_at, expires_at)
				values (:hash, :account, :purpose, :now, :expires)""")
			.param("hash", Hashes.sha256(token))
			.param("account", accountId)
			.param("purpose", purpose.name())
			.param("now", Timestamps.utc(now))
			.param("expires", Timestamps.utc(now.plus(ttl)))
			.update();
		return token;
	}

	/** The account a still-valid token belongs to, without using it up. */
	@Transactional(readOnly = true)
	Optional<UUID> peek(String token, Purpose purpose) {
		if (!plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select account_id from account_token
				where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now""")
			.param("hash", Hashes.sha256(token))
			.param("purpose", purpose.name())
			.param("now", Timestamps.utc(clock.instant()))
			.query(UUID.class)
			.optional();
	}

	/** Uses up a valid token; a second call with the same token finds nothing. */
	@Transactional
	Optional<UUID> consume(String token, Purpose purpose) {
		Optional<UUID> account = peek(token, purpose);
		if (account.isEmpty()) {
			return account;
		}
		int updated = jdbc.sql("update account_token set used_at = :now where token_hash = :hash and used_at is null")
			.param("now", Timestamps.utc(clock.instant()))
			.param("hash", Hashes.sha256(token))
			.update();
		return updated == 1 ? account : Optional.empty();
	}

	static boolean plausible(String token) {
		return token != null && token.length() >= 20 && token.length() <= 100 && token.matches("[A-Za-z0-9_-]+");
	}

}

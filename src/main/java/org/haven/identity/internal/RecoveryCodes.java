package org.haven.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ten single-use recovery codes per account, shown once and stored only as SHA-256
 * hashes. Each code carries 50 random bits, so a plain hash is enough.
 */
@Component
class RecoveryCodes {

	static final int COUNT = 10;

	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RecoveryCodes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Replaces any earlier codes; returns the new ones in clear, for showing once. */
	@Transactional
	List<String> regenerate(UUID accountId) {
		jdbc.sql("delete from recovery_code where account_id = :id").param("id", accountId).update();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < COUNT; i++) {
			String code = newCode();
			codes.add(code);
			jdbc.sql("insert into recovery_code (id, account_id, code_hash) values (:id, :account, :hash)")
				.param("id", UUID.randomUUID())
				.param("account", accountId)
				.param("hash", Hashes.sha256(normalize(code)))
				.update();
		}
		return codes;
	}

	/** Uses up a code if it is one of the account's unused ones. */
	@Transactional
	boolean redeem(UUID accountId, String code) {
		if (code == null || code.isBlank() || code.length() > 40) {
			return false;
		}
		return jdbc.sql("""
				update recovery_code set used_at = :now
				where account_id = :account and code_hash = :hash and used_at is null""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("account", accountId)
			.param("hash", Hashes.sha256(normalize(code)))
			.update() == 1;
	}

	@Transactional(readOnly = true)
	int remaining(UUID accountId) {
		return jdbc.sql("select count(*) from recovery_code where account_id = :account and used_at is null")
			.param("account", accountId)
			.query(Integer.class)
			.single();
	}

	@Transactional
	void clear(UUID accountId) {
		jdbc.sql("delete from recovery_code where account_id = :id").param("id", accountId).update();
	}

	private String newCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

	private static String normalize(String code) {
		return code.trim().toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "");
	}

}

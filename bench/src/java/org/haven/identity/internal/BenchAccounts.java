package org.haven.identity.internal;

import java.time.Clock;

import org.haven.identity.Role;
import org.haven.identity.internal.AccountSeeds.Seeded;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * Accounts for load runs, as {@link AccountSeeds} makes them but with one cheap Argon2id
 * hash (8 KiB, one pass) shared by all. Haven's encoder reads the cost from the stored
 * hash, so signing in goes through the real form, the real provider and the real session
 * store, without a thousand 19 MiB hashes that nobody measures.
 */
public final class BenchAccounts {

	private final String hash;

	private final AccountRepository accounts;

	private final FieldEncryption encryption;

	private final Clock clock;

	private BenchAccounts(ApplicationContext context, String password) {
		this.hash = new Argon2PasswordEncoder(16, 32, 1, 8, 1).encode(password);
		this.accounts = context.getBean(AccountRepository.class);
		this.encryption = context.getBean(FieldEncryption.class);
		this.clock = context.getBean(Clock.class);
	}

	/** Accounts that all sign in with {@code password}. */
	public static BenchAccounts in(ApplicationContext context, String password) {
		return new BenchAccounts(context, password);
	}

	public Seeded client(String email) {
		return create(email, Role.CLIENT, false);
	}

	/** A therapist with a second factor, as Haven requires of them. */
	public Seeded therapist(String email) {
		return create(email, Role.THERAPIST, true);
	}

	private Seeded create(String email, Role role, boolean totp) {
		Account account = Account.invited(email, "Bench " + role.name().toLowerCase(), hash, role, clock.instant());
		String secret = null;
		if (totp) {
			secret = new DefaultSecretGenerator(32).generate();
			account.enableTotp(encryption.encrypt(secret), 0);
		}
		accounts.save(account);
		return new Seeded(account.id(), secret);
	}

}

package org.haven.identity.internal;

import java.time.Clock;

import org.haven.identity.Role;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * Accounts for load runs, as {@link TestAccounts} makes them but with one cheap Argon2id hash (8 KiB, one
 * pass) shared by all. Haven's encoder reads the cost from the stored hash, so signing in goes through the
 * real form, the real provider and the real session store, without a thousand 19 MiB hashes nobody measures.
 */
public final class BenchAccounts {

	private static final String CHEAP_HASH = new Argon2PasswordEncoder(16, 32, 1, 8, 1).encode(TestAccounts.PASSWORD);

	private final AccountRepository accounts;
	private final FieldEncryption encryption;
	private final Clock clock;

	private BenchAccounts(ApplicationContext context) {
		this.accounts = context.getBean(AccountRepository.class);
		this.encryption = context.getBean(FieldEncryption.class);
		this.clock = context.getBean(Clock.class);
	}

	public static BenchAccounts in(ApplicationContext context) {
		return new BenchAccounts(context);
	}

	public TestAccount client(String email) {
		return create(email, Role.CLIENT, false);
	}

	/** A therapist with a second factor, as Haven requires of them. */
	public TestAccount therapist(String email) {
		return create(email, Role.THERAPIST, true);
	}

	private TestAccount create(String email, Role role, boolean totp) {
		Account account = Account.invited(email, "Bench " + role.name().toLowerCase(), CHEAP_HASH, role, clock.instant());
		String secret = null;
		if (totp) {
			secret = new DefaultSecretGenerator(32).generate();
			account.enableTotp(encryption.encrypt(secret), 0);
		}
		accounts.save(account);
		return new TestAccount(account.id(), email, TestAccounts.PASSWORD, secret, clock);
	}
}

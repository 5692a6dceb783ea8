package org.haven.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.identity.Role;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.samstevens.totp.secret.DefaultSecretGenerator;

/**
 * Saves ready-to-use accounts the way an admin or a seed would: the one place outside
 * identity's own code that builds an {@link Account}, so that the public
 * {@code org.haven.identity.TestAccounts} fixture needs nothing of identity's internals.
 */
public final class AccountSeeds {

	private final AccountRepository accounts;

	private final Administration administration;

	private final PasswordEncoder encoder;

	private final FieldEncryption encryption;

	private final Clock clock;

	private AccountSeeds(ApplicationContext context) {
		this.accounts = context.getBean(AccountRepository.class);
		this.administration = context.getBean(Administration.class);
		this.encoder = context.getBean("passwordEncoder", PasswordEncoder.class);
		this.encryption = context.getBean(FieldEncryption.class);
		this.clock = context.getBean(Clock.class);
	}

	public static AccountSeeds in(ApplicationContext context) {
		return new AccountSeeds(context);
	}

	/**
	 * An active account with a verified email; with {@code totp}, a second factor
	 * enrolled.
	 */
	public Seeded create(String email, String password, Role role, boolean totp) {
		Account account = Account.invited(email, "Test " + role.name().toLowerCase(), encoder.encode(password), role,
				clock.instant());
		String secret = null;
		if (totp) {
			secret = new DefaultSecretGenerator(32).generate();
			account.enableTotp(encryption.encrypt(secret), 0);
		}
		accounts.save(account);
		return new Seeded(account.id(), secret);
	}

	/**
	 * Active accounts without a second factor that share one password hash: hashing is
	 * slow on purpose, and a test that needs hundreds of people should not wait for it.
	 */
	public List<Seeded> createMany(List<String> emails, String password, Role role) {
		String hash = encoder.encode(password);
		List<Seeded> seeded = new ArrayList<>();
		for (String email : emails) {
			Account account = Account.invited(email, "Test " + role.name().toLowerCase(), hash, role, clock.instant());
			accounts.save(account);
			seeded.add(new Seeded(account.id(), null));
		}
		return seeded;
	}

	/** An admin disables the account, as on the accounts page. */
	public void disable(UUID adminId, UUID accountId) {
		administration.setEnabled(adminId, accountId, false);
	}

	/** The saved account's id and its second factor's secret (null without one). */
	public record Seeded(UUID id, String totpSecret) {
	}

}

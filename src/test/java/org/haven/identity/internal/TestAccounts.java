package org.haven.identity.internal;

import java.time.Clock;
import java.util.UUID;

import org.haven.identity.Role;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * Named fixtures: ready-to-use accounts of each role, created the way an admin or a seed
 * would.
 */
public final class TestAccounts {

	public static final String PASSWORD = "correct horse battery staple";

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final FieldEncryption encryption;

	private final Clock clock;

	private TestAccounts(ApplicationContext context) {
		this.accounts = context.getBean(AccountRepository.class);
		this.encoder = context.getBean("passwordEncoder", PasswordEncoder.class);
		this.encryption = context.getBean(FieldEncryption.class);
		this.clock = context.getBean(Clock.class);
	}

	public static TestAccounts in(ApplicationContext context) {
		return new TestAccounts(context);
	}

	public TestAccount client(String email) {
		return create(email, Role.CLIENT, false);
	}

	public TestAccount clientWithTotp(String email) {
		return create(email, Role.CLIENT, true);
	}

	public TestAccount therapist(String email) {
		return create(email, Role.THERAPIST, true);
	}

	public TestAccount admin(String email) {
		return create(email, Role.ADMIN, true);
	}

	/** A therapist or admin who has not enrolled a second factor yet. */
	public TestAccount withoutTotp(String email, Role role) {
		return create(email, role, false);
	}

	private TestAccount create(String email, Role role, boolean totp) {
		Account account = Account.invited(email, "Test " + role.name().toLowerCase(), encoder.encode(PASSWORD), role,
				clock.instant());
		String secret = null;
		if (totp) {
			secret = new dev.samstevens.totp.secret.DefaultSecretGenerator(32).generate();
			account.enableTotp(encryption.encrypt(secret), 0);
		}
		accounts.save(account);
		return new TestAccount(account.id(), email, PASSWORD, secret, clock);
	}

	public record TestAccount(UUID id, String email, String password, String totpSecret, Clock clock) {

		/** The code for the current step of the application's clock. */
		public String code() {
			return codeAt(0);
		}

		/** The code {@code offset} 30-second steps from now. */
		public String codeAt(int offset) {
			try {
				return new DefaultCodeGenerator().generate(totpSecret,
						Math.floorDiv(clock.instant().getEpochSecond(), 30) + offset);
			}
			catch (CodeGenerationException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}

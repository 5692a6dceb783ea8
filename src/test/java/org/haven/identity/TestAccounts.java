package org.haven.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.identity.internal.AccountSeeds;
import org.springframework.context.ApplicationContext;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * Named fixtures: ready-to-use accounts of each role, created the way an admin or a seed
 * would. Every module's tests get their accounts here.
 */
public final class TestAccounts {

	public static final String PASSWORD = "correct horse battery staple";

	private final AccountSeeds seeds;

	private final Clock clock;

	private TestAccounts(ApplicationContext context) {
		this.seeds = AccountSeeds.in(context);
		this.clock = context.getBean(Clock.class);
	}

	public static TestAccounts in(ApplicationContext context) {
		return new TestAccounts(context);
	}

	public TestAccount client(String email) {
		return create(email, Role.CLIENT, false);
	}

	/** Many clients at once, sharing one password hash. */
	public List<TestAccount> clients(List<String> emails) {
		List<AccountSeeds.Seeded> seeded = seeds.createMany(emails, PASSWORD, Role.CLIENT);
		List<TestAccount> clients = new ArrayList<>();
		for (int i = 0; i < emails.size(); i++) {
			clients.add(new TestAccount(seeded.get(i).id(), emails.get(i), PASSWORD, null, clock));
		}
		return clients;
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

	/** The admin disables the account, as on the accounts page. */
	public void disable(TestAccount admin, UUID accountId) {
		seeds.disable(admin.id(), accountId);
	}

	private TestAccount create(String email, Role role, boolean totp) {
		AccountSeeds.Seeded seeded = seeds.create(email, PASSWORD, role, totp);
		return new TestAccount(seeded.id(), email, PASSWORD, seeded.totpSecret(), clock);
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

package org.haven.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.haven.audit.AuditTrail;
import org.haven.identity.Role;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.demo.DemoMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode only: seeds one admin, two therapists and two clients with well-known
 * passwords and TOTP secrets (also listed in the README), and prints them at start-up.
 * Never runs outside demo mode.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DemoAccounts implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	static final List<DemoAccount> ACCOUNTS = List.of(
			new DemoAccount("admin@demo.haven.test", "Avery Admin", Role.ADMIN, "demo-admin-passphrase",
					"DEMOADMINHAVENTOTPSECRETAAAAAAAA"),
			new DemoAccount("therapist@demo.haven.test", "Dr. Robin Reyes", Role.THERAPIST, "demo-therapist-passphrase",
					"DEMOTHERAPISTHAVENTOTPSECRETAAAA"),
			new DemoAccount("therapist2@demo.haven.test", "Sam Okafor, LCSW", Role.THERAPIST,
					"demo-therapist-passphrase", "DEMOTHERAPISTTWOHAVENTOTPSECRETA"),
			new DemoAccount("client@demo.haven.test", "Casey Client", Role.CLIENT, "demo-client-passphrase", null),
			new DemoAccount("client2@demo.haven.test", "Jordan Lee", Role.CLIENT, "demo-client-passphrase", null));

	private final DemoMode demoMode;

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	private final TransactionTemplate transactions;

	DemoAccounts(DemoMode demoMode, AccountRepository accounts, PasswordEncoder encoder, FieldEncryption encryption,
			AuditTrail audit, Clock clock, TransactionTemplate transactions) {
		this.demoMode = demoMode;
		this.accounts = accounts;
		this.encoder = encoder;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoMode.enabled()) {
			return;
		}
		// Each missing account's password is hashed first, side by side with the others
		// (each is a deliberately slow hash, with its own salt).
		Map<String, String> hashes = ACCOUNTS.stream()
			.filter(demo -> accounts.findByEmail(demo.email()).isEmpty())
			.toList()
			.parallelStream()
			.collect(Collectors.toMap(DemoAccount::email, demo -> encoder.encode(demo.password())));
		transactions.executeWithoutResult(status -> ACCOUNTS.forEach(demo -> seed(demo, hashes)));
		StringBuilder banner = new StringBuilder(
				"\n\n  Haven demo mode: sign in at the address above with one of these accounts.\n");
		banner.append(
				"  (TOTP: add the secret to an authenticator app, or compute a code with `oathtool --totp -b SECRET`.)\n\n");
		for (DemoAccount demo : ACCOUNTS) {
			banner.append(String.format("  %-10s %-28s password: %-27s TOTP secret: %s%n", demo.role(), demo.email(),
					demo.password(), demo.totpSecret() == null ? "(none)" : demo.totpSecret()));
		}
		banner.append("\n  Mail that Haven sends is shown at /dev/mail.\n");
		log.info(banner.toString());
	}

	private void seed(DemoAccount demo, Map<String, String> hashes) {
		if (accounts.findByEmail(demo.email()).isPresent()) {
			return;
		}
		String hash = hashes.containsKey(demo.email()) ? hashes.get(demo.email()) : encoder.encode(demo.password());
		Account account = Account.invited(demo.email(), demo.displayName(), hash, demo.role(), clock.instant());
		if (demo.totpSecret() != null) {
			account.enableTotp(encryption.encrypt(demo.totpSecret()), 0);
		}
		accounts.save(account);
		audit.record("system", "DEMO_ACCOUNT_SEEDED", AuditTrail.account(account.id()), "role=" + demo.role());
	}

	record DemoAccount(String email, String displayName, Role role, String password, String totpSecret) {
	}

}

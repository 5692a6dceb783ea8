package org.haven.identity.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.mail.Mailer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Self-registration of clients. The answer is the same whether or not the email already
 * has an account: the owner of an existing one gets a mail saying so instead of a
 * verification link.
 */
@Service
public class Registration {

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final AccountTokens tokens;

	private final Mailer mailer;

	private final Links links;

	private final AuditTrail audit;

	private final Clock clock;

	private final IdentityProperties properties;

	Registration(AccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy, AccountTokens tokens,
			Mailer mailer, Links links, AuditTrail audit, Clock clock, IdentityProperties properties) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.tokens = tokens;
		this.mailer = mailer;
		this.links = links;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
	}

	@Transactional
	public void register(String rawEmail, String rawName, String password, String confirmation) {
		String email = Inputs.email(rawEmail);
		String name = Inputs.displayName(rawName);
		policy.problem(password).ifPresent(problem -> {
			throw Refusal.of("password", problem);
		});
		if (!password.equals(confirmation)) {
			throw Refusal.of("confirmation", "The two passwords differ.");
		}
		// Hash in every case, so that known and unknown emails take the same time.
		String hash = encoder.encode(password);
		Optional<Account> existing = accounts.findByEmail(email);
		if (existing.isPresent()) {
			audit.record("anonymous", "REGISTRATION_FOR_EXISTING_EMAIL", AuditTrail.account(existing.get().id()));
			mailer.send(email, "Someone tried to create a Haven account with your email",
					"""
							Someone (perhaps you) tried to create a Haven account with this email address, which already has one.

							If it was you, sign in here: %s
							Forgot your password? Reset it here: %s

							If it was not you, you can ignore this message; nothing has changed.
							"""
						.formatted(links.to("/login"), links.to("/password-reset")));
			return;
		}
		Account account = accounts.save(Account.register(email, name, hash, clock.instant()));
		audit.record(AuditTrail.account(account.id()), "ACCOUNT_REGISTERED", AuditTrail.account(account.id()));
		sendVerification(account);
	}

	/**
	 * Sends a fresh link to an account that still waits for verification; silent
	 * otherwise.
	 */
	@Transactional
	public void resendVerification(String rawEmail) {
		String email = Inputs.email(rawEmail);
		accounts.findByEmail(email)
			.filter(account -> account.status() == AccountStatus.PENDING_VERIFICATION)
			.ifPresent(this::sendVerification);
	}

	public boolean verificationPending(String token) {
		return tokens.peek(token, AccountTokens.Purpose.VERIFY_EMAIL).isPresent();
	}

	@Transactional
	public boolean verifyEmail(String token) {
		Optional<UUID> accountId = tokens.consume(token, AccountTokens.Purpose.VERIFY_EMAIL);
		if (accountId.isEmpty()) {
			return false;
		}
		Account account = accounts.findById(accountId.get()).orElseThrow();
		account.verifyEmail(clock.instant());
		accounts.save(account);
		audit.record(AuditTrail.account(account.id()), "EMAIL_VERIFIED", AuditTrail.account(account.id()));
		return true;
	}

	private void sendVerification(Account account) {
		String token = tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL,
				properties.tokens().verificationTtl());
		mailer.send(account.email(), "Confirm your email address for Haven",
				"""
						Welcome to Haven.

						Confirm your email address to finish creating your account:
						%s

						The link works once and expires in %d hours. If you did not ask for a Haven account, ignore this message.
						"""
					.formatted(links.to("/verify-email", token), properties.tokens().verificationTtl().toHours()));
	}

}

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
 * Password reset by a single-use emailed link, valid 30 minutes. Says the same for
 * unknown emails.
 */
@Service
public class PasswordReset {

	private final AccountRepository accounts;

	private final AccountTokens tokens;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final Mailer mailer;

	private final Links links;

	private final AuditTrail audit;

	private final SessionControl sessions;

	private final LoginThrottle throttle;

	private final Clock clock;

	private final IdentityProperties properties;

	PasswordReset(AccountRepository accounts, AccountTokens tokens, PasswordEncoder encoder, PasswordPolicy policy,
			Mailer mailer, Links links, AuditTrail audit, SessionControl sessions, LoginThrottle throttle, Clock clock,
			IdentityProperties properties) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.encoder = encoder;
		this.policy = policy;
		this.mailer = mailer;
		this.links = links;
		this.audit = audit;
		this.sessions = sessions;
		this.throttle = throttle;
		this.clock = clock;
		this.properties = properties;
	}

	@Transactional
	public void request(String rawEmail) {
		String email = Inputs.email(rawEmail);
		Optional<Account> account = accounts.findByEmail(email).filter(a -> a.status() != AccountStatus.DISABLED);
		if (account.isEmpty()) {
			return;
		}
		String token = tokens.issue(account.get().id(), AccountTokens.Purpose.RESET_PASSWORD,
				properties.tokens().resetTtl());
		audit.record("anonymous", "PASSWORD_RESET_REQUESTED", AuditTrail.account(account.get().id()));
		mailer.send(email, "Reset your Haven password", """
				Someone (perhaps you) asked to reset the password of your Haven account.

				Choose a new password here:
				%s

				The link works once and expires in %d minutes. If you did not ask for this, ignore this message;
				your password stays as it is.
				""".formatted(links.to("/password-reset/confirm", token), properties.tokens().resetTtl().toMinutes()));
	}

	public boolean valid(String token) {
		return tokens.peek(token, AccountTokens.Purpose.RESET_PASSWORD).isPresent();
	}

	/**
	 * Sets the new password and signs the account out everywhere; false if the link is no
	 * longer valid.
	 */
	@Transactional
	public boolean reset(String token, String password, String confirmation) {
		policy.problem(password).ifPresent(problem -> {
			throw Refusal.of("password", problem);
		});
		if (!password.equals(confirmation)) {
			throw Refusal.of("confirmation", "The two passwords differ.");
		}
		Optional<UUID> accountId = tokens.consume(token, AccountTokens.Purpose.RESET_PASSWORD);
		if (accountId.isEmpty()) {
			return false;
		}
		Account account = accounts.findById(accountId.get()).orElseThrow();
		account.changePassword(encoder.encode(password));
		// Following the emailed link proves the address as well as a verification link
		// would.
		account.verifyEmail(clock.instant());
		accounts.save(account);
		if (!account.totpEnabled()) {
			// With a second factor the link proves one factor only: wrong codes stay
			// counted.
			throttle.recordSuccess(account.email());
		}
		sessions.signOutEverywhere(account.id());
		audit.record(AuditTrail.account(account.id()), "PASSWORD_RESET", AuditTrail.account(account.id()));
		return true;
	}

}

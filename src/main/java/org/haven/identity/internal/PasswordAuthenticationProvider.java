package org.haven.identity.internal;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;

import org.haven.audit.AuditTrail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The password step of signing in. Unknown and known emails take the same path: one
 * Argon2 check, one recorded failure, one generic error. Guessing is slowed and capped by
 * {@link LoginThrottle}. A right password forgives earlier failures only when it
 * completes the sign-in; with a second factor to come, {@link SignIn} does that once the
 * code is accepted.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

	static final String GENERIC_FAILURE = "Sign-in failed. Check your email and password, or try again in a few minutes.";

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final LoginThrottle throttle;

	private final AuditTrail audit;

	/**
	 * Hashed on its own thread at start-up (a second's work for the main thread, which
	 * has the rest of the start-up to do), waited for by the first sign-in that needs it.
	 */
	private final CompletableFuture<String> timingDummy;

	PasswordAuthenticationProvider(AccountRepository accounts, PasswordEncoder encoder, LoginThrottle throttle,
			AuditTrail audit) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.throttle = throttle;
		this.audit = audit;
		this.timingDummy = CompletableFuture
			.supplyAsync(() -> encoder.encode("a password that no account has, for equal timing"), runnable -> {
				Thread thread = new Thread(runnable, "password-timing-dummy");
				thread.setDaemon(true);
				thread.start();
			});
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String email = authentication.getName() == null ? "" : authentication.getName().trim().toLowerCase(Locale.ROOT);
		String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : null;

		if (!throttle.allowed(email, address)) {
			audit.record("anonymous", "SIGN_IN_THROTTLED", subject(Optional.empty()));
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		Optional<Account> account = email.length() > Inputs.MAX_EMAIL
				|| password.length() > 4 * PasswordPolicy.MAX_LENGTH ? Optional.empty() : accounts.findByEmail(email);
		boolean matches = encoder.matches(password, account.map(Account::passwordHash).orElseGet(timingDummy::join));
		if (account.isEmpty() || !matches) {
			throttle.recordFailure(email, address);
			audit.record("anonymous", "SIGN_IN_FAILED", subject(account));
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (account.get().status() == AccountStatus.DISABLED) {
			audit.record("anonymous", "SIGN_IN_REFUSED_DISABLED", subject(account));
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (account.get().status() == AccountStatus.PENDING_VERIFICATION) {
			// Only someone who knows the password learns that the email still needs
			// confirming.
			throw new DisabledException("Confirm your email address first.");
		}
		Authentication stage = Authorities.afterPassword(account.get());
		if (!Authorities.anotherStepPending(stage)) {
			throttle.recordSuccess(email);
		}
		audit.record(AuditTrail.account(account.get().id()), "SIGN_IN_PASSWORD_ACCEPTED", subject(account));
		return stage;
	}

	private static String subject(Optional<Account> account) {
		return account.map(a -> AuditTrail.account(a.id())).orElse("unknown-account");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}

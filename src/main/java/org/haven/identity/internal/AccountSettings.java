package org.haven.identity.internal;

import org.haven.shared.web.Refusal;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a signed-in person changes about their own account: name, password, second factor.
 */
@Service
public class AccountSettings {

	private final AccountRepository accounts;

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	private final Totp totp;

	private final RecoveryCodes recoveryCodes;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	AccountSettings(AccountRepository accounts, PasswordEncoder encoder, PasswordPolicy policy, Totp totp,
			RecoveryCodes recoveryCodes, FieldEncryption encryption, AuditTrail audit) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.policy = policy;
		this.totp = totp;
		this.recoveryCodes = recoveryCodes;
		this.encryption = encryption;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public Account get(UUID accountId) {
		return accounts.findById(accountId).orElseThrow();
	}

	@Transactional(readOnly = true)
	public int recoveryCodesLeft(UUID accountId) {
		return recoveryCodes.remaining(accountId);
	}

	@Transactional
	public void rename(UUID accountId, String rawName) {
		String name = Inputs.displayName(rawName);
		Account account = get(accountId);
		account.rename(name);
		accounts.save(account);
		audit.record(AuditTrail.account(accountId), "DISPLAY_NAME_CHANGED", AuditTrail.account(accountId));
	}

	@Transactional
	public void changePassword(UUID accountId, String current, String password, String confirmation) {
		Account account = get(accountId);
		if (current == null || !encoder.matches(current, account.passwordHash())) {
			throw Refusal.of("current", "Your current password is not right.");
		}
		policy.problem(password).ifPresent(problem -> {
			throw Refusal.of("password", problem);
		});
		if (!password.equals(confirmation)) {
			throw Refusal.of("confirmation", "The two passwords differ.");
		}
		account.changePassword(encoder.encode(password));
		accounts.save(account);
		audit.record(AuditTrail.account(accountId), "PASSWORD_CHANGED", AuditTrail.account(accountId));
	}

	/**
	 * A secret for enrolment; it is kept by the caller until a code confirms that the app
	 * has it.
	 */
	public Enrolment beginTotpEnrolment(UUID accountId) {
		Account account = get(accountId);
		String secret = totp.newSecret();
		String uri = totp.otpauthUri(secret, account.email());
		return new Enrolment(secret, uri, totp.qrDataUri(uri));
	}

	public Enrolment describeEnrolment(UUID accountId, String secret) {
		String uri = totp.otpauthUri(secret, get(accountId).email());
		return new Enrolment(secret, uri, totp.qrDataUri(uri));
	}

	/**
	 * Turns the second factor on once a code from the app matches; returns the new
	 * recovery codes.
	 */
	@Transactional
	public List<String> confirmTotpEnrolment(UUID accountId, String secret, String code) {
		OptionalLong step = totp.verify(secret, code);
		if (step.isEmpty()) {
			audit.record(AuditTrail.account(accountId), "TOTP_ENROLMENT_FAILED", AuditTrail.account(accountId));
			throw Refusal.of("code",
					"That code does not match. Check the time on your phone and enter the current code.");
		}
		Account account = get(accountId);
		account.enableTotp(encryption.encrypt(secret), step.getAsLong());
		accounts.save(account);
		audit.record(AuditTrail.account(accountId), "TOTP_ENABLED", AuditTrail.account(accountId));
		return recoveryCodes.regenerate(accountId);
	}

	@Transactional
	public void disableTotp(UUID accountId, String currentPassword) {
		Account account = get(accountId);
		if (currentPassword == null || !encoder.matches(currentPassword, account.passwordHash())) {
			throw Refusal.of("current", "Your current password is not right.");
		}
		if (account.role().requiresSecondFactor()) {
			throw Refusal.of("current", "Therapists and admins must keep two-step verification on.");
		}
		account.disableTotp();
		accounts.save(account);
		recoveryCodes.clear(accountId);
		audit.record(AuditTrail.account(accountId), "TOTP_DISABLED", AuditTrail.account(accountId));
	}

	@Transactional
	public List<String> regenerateRecoveryCodes(UUID accountId, String code) {
		if (!verifyTotp(accountId, code)) {
			throw Refusal.of("code", "That code does not match.");
		}
		audit.record(AuditTrail.account(accountId), "RECOVERY_CODES_REGENERATED", AuditTrail.account(accountId));
		return recoveryCodes.regenerate(accountId);
	}

	/**
	 * Checks a second-factor code at sign-in: a TOTP code not used before, or an unused
	 * recovery code.
	 */
	@Transactional
	public SecondFactorResult verifySecondFactor(UUID accountId, String code) {
		if (verifyTotp(accountId, code)) {
			audit.record(AuditTrail.account(accountId), "TOTP_ACCEPTED", AuditTrail.account(accountId));
			return SecondFactorResult.TOTP;
		}
		if (recoveryCodes.redeem(accountId, code)) {
			audit.record(AuditTrail.account(accountId), "RECOVERY_CODE_USED", AuditTrail.account(accountId));
			return SecondFactorResult.RECOVERY_CODE;
		}
		audit.record(AuditTrail.account(accountId), "SECOND_FACTOR_FAILED", AuditTrail.account(accountId));
		return SecondFactorResult.REJECTED;
	}

	private boolean verifyTotp(UUID accountId, String code) {
		Account account = get(accountId);
		if (!account.totpEnabled() || account.totpSecret() == null) {
			return false;
		}
		OptionalLong step = totp.verify(encryption.decrypt(account.totpSecret()), code);
		return step.isPresent() && accounts.acceptTotpStep(accountId, step.getAsLong());
	}

	public enum SecondFactorResult {

		TOTP, RECOVERY_CODE, REJECTED;

		public boolean accepted() {
			return this != REJECTED;
		}

	}

	public record Enrolment(String secret, String otpauthUri, String qrDataUri) {
	}

}

package org.haven.identity.internal;

import java.time.Instant;
import java.util.UUID;

import org.haven.identity.AccountCreated;
import org.haven.identity.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;

/** An account: guards its own state changes and registers its events. */
@Table("account")
public class Account extends AbstractAggregateRoot<Account> {

	@Id
	private UUID id;

	private String email;

	private String displayName;

	private String passwordHash;

	private Role role;

	private AccountStatus status;

	/** Encrypted with the shared field encryption; never stored in clear. */
	private String totpSecret;

	private boolean totpEnabled;

	/** The last TOTP time step accepted, so that a code is never accepted twice. */
	private Long totpLastStep;

	private Instant createdAt;

	private Instant emailVerifiedAt;

	@Version
	private Long version;

	Account() {
	}

	static Account register(String email, String displayName, String passwordHash, Instant now) {
		Account account = create(email, displayName, passwordHash, Role.CLIENT, now);
		account.status = AccountStatus.PENDING_VERIFICATION;
		return account;
	}

	static Account invited(String email, String displayName, String passwordHash, Role role, Instant now) {
		Account account = create(email, displayName, passwordHash, role, now);
		account.status = AccountStatus.ACTIVE;
		account.emailVerifiedAt = now;
		return account;
	}

	private static Account create(String email, String displayName, String passwordHash, Role role, Instant now) {
		Account account = new Account();
		account.id = UUID.randomUUID();
		account.email = email;
		account.displayName = displayName;
		account.passwordHash = passwordHash;
		account.role = role;
		account.createdAt = now;
		account.registerEvent(new AccountCreated(account.id, role));
		return account;
	}

	void verifyEmail(Instant now) {
		if (status == AccountStatus.PENDING_VERIFICATION) {
			status = AccountStatus.ACTIVE;
			emailVerifiedAt = now;
		}
	}

	void changePassword(String newHash) {
		this.passwordHash = newHash;
	}

	void rename(String newDisplayName) {
		this.displayName = newDisplayName;
	}

	void enableTotp(String encryptedSecret, long acceptedStep) {
		this.totpSecret = encryptedSecret;
		this.totpEnabled = true;
		this.totpLastStep = acceptedStep;
	}

	void disableTotp() {
		if (role.requiresSecondFactor()) {
			throw new IllegalStateException("Therapists and admins must keep a second factor");
		}
		this.totpSecret = null;
		this.totpEnabled = false;
		this.totpLastStep = null;
	}

	void disable() {
		status = AccountStatus.DISABLED;
	}

	void enable() {
		status = emailVerifiedAt == null ? AccountStatus.PENDING_VERIFICATION : AccountStatus.ACTIVE;
	}

	void changeRole(Role newRole) {
		this.role = newRole;
	}

	/** Whether signing in must pass a second factor (or enrol one first). */
	boolean needsSecondFactor() {
		return totpEnabled || role.requiresSecondFactor();
	}

	public UUID id() {
		return id;
	}

	public String email() {
		return email;
	}

	public String displayName() {
		return displayName;
	}

	String passwordHash() {
		return passwordHash;
	}

	public Role role() {
		return role;
	}

	public AccountStatus status() {
		return status;
	}

	String totpSecret() {
		return totpSecret;
	}

	public boolean totpEnabled() {
		return totpEnabled;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public boolean active() {
		return status == AccountStatus.ACTIVE;
	}

}

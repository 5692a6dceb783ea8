package org.haven.identity.internal;

import org.haven.shared.web.Refusal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.identity.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do to accounts: list, disable and enable, change roles. Every change is
 * audited.
 */
@Service
public class Administration {

	private final AccountRepository accounts;

	private final SessionControl sessions;

	private final AuditTrail audit;

	Administration(AccountRepository accounts, SessionControl sessions, AuditTrail audit) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public List<Account> page(int page, int size) {
		return accounts.page(size, (long) page * size);
	}

	@Transactional(readOnly = true)
	public long count() {
		return accounts.count();
	}

	@Transactional(readOnly = true)
	public Optional<Account> find(UUID id) {
		return accounts.findById(id);
	}

	@Transactional
	public void setEnabled(UUID adminId, UUID accountId, boolean enabled) {
		if (adminId.equals(accountId)) {
			throw Refusal.of("account", "You cannot disable your own account.");
		}
		Account account = accounts.findById(accountId).orElseThrow(() -> Refusal.of("account", "No such account."));
		if (enabled) {
			account.enable();
		}
		else {
			account.disable();
		}
		accounts.save(account);
		if (!enabled) {
			sessions.signOutEverywhere(accountId);
		}
		audit.record(AuditTrail.account(adminId), enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED",
				AuditTrail.account(accountId));
	}

	@Transactional
	public void changeRole(UUID adminId, UUID accountId, String rawRole) {
		if (adminId.equals(accountId)) {
			throw Refusal.of("role", "You cannot change your own role.");
		}
		Role role;
		try {
			role = Role.valueOf(rawRole == null ? "" : rawRole);
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("role", "Choose client, therapist or admin.");
		}
		Account account = accounts.findById(accountId).orElseThrow(() -> Refusal.of("account", "No such account."));
		Role before = account.role();
		if (before == role) {
			return;
		}
		account.changeRole(role);
		accounts.save(account);
		// The new role takes effect at the next sign-in (and may require enrolling a
		// second factor).
		sessions.signOutEverywhere(accountId);
		audit.record(AuditTrail.account(adminId), "ROLE_CHANGED", AuditTrail.account(accountId), before + "->" + role);
	}

}

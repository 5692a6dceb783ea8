package org.haven.identity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
class AccountsImpl implements Accounts {

	private final AccountRepository accounts;

	AccountsImpl(AccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountSummary> find(UUID accountId) {
		return accounts.findById(accountId).map(AccountsImpl::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public List<AccountSummary> findAll(Collection<UUID> accountIds) {
		if (accountIds.isEmpty()) {
			return List.of();
		}
		List<AccountSummary> found = new ArrayList<>();
		accounts.findAllById(accountIds).forEach(a -> found.add(summary(a)));
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<AccountSummary> findByEmail(String email) {
		return accounts.findByEmail(email == null ? "" : email.trim().toLowerCase(Locale.ROOT))
			.map(AccountsImpl::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public List<AccountSummary> activeWithRole(Role role) {
		return accounts.activeWithRole(role.name()).stream().map(AccountsImpl::summary).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> emailOf(UUID accountId) {
		return accounts.findById(accountId).filter(Account::active).map(Account::email);
	}

	private static AccountSummary summary(Account a) {
		return new AccountSummary(a.id(), a.displayName(), a.role(), a.active());
	}

}

package org.haven.identity.internal;

import java.util.Optional;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
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
		return accounts.findById(accountId).map(a -> new AccountSummary(a.id(), a.displayName(), a.role(), a.active()));
	}
}

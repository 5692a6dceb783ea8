package org.haven.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The identity module's API for other modules. */
public interface Accounts {

	Optional<AccountSummary> find(UUID accountId);

	/**
	 * The accounts among {@code accountIds} that exist, in one query, for lists that
	 * would otherwise ask one by one.
	 */
	List<AccountSummary> findAll(Collection<UUID> accountIds);

	/**
	 * Looks an account up by its (normalised) email, for seeding and invitations; never
	 * shown to other users.
	 */
	Optional<AccountSummary> findByEmail(String email);

	/**
	 * The active accounts of a role (the admins to tell of an emergency access), by
	 * email. Never shown to other users.
	 */
	List<AccountSummary> activeWithRole(Role role);

	/**
	 * Where to send an active account's notices; empty for unknown or disabled accounts.
	 * Never shown to other users.
	 */
	Optional<String> emailOf(UUID accountId);

}

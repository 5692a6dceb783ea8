package org.haven.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface AccountRepository extends CrudRepository<Account, UUID> {

	Optional<Account> findByEmail(String email);

	@Query("select * from account where role = :role and status = 'ACTIVE' order by email")
	List<Account> activeWithRole(String role);

	@Query("select * from account order by role, email limit :limit offset :offset")
	List<Account> page(int limit, long offset);

	/**
	 * Records the time step of an accepted TOTP code in one conditional update, so that
	 * of two requests with the same code exactly one wins (the other waits for the row
	 * and then finds the step used) instead of one failing on the aggregate's version.
	 * The version still rises, so a concurrent save of the aggregate from an older copy
	 * cannot put an earlier step back.
	 */
	@Modifying
	@Query("""
			update account set totp_last_step = :step, version = version + 1
			where id = :id and totp_enabled and (totp_last_step is null or totp_last_step < :step)""")
	boolean acceptTotpStep(UUID id, long step);

}

package org.haven.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.CrudRepository;

interface AccountRepository extends CrudRepository<Account, UUID> {

	Optional<Account> findByEmail(String email);

	@Query("select * from account order by role, email limit :limit offset :offset")
	List<Account> page(int limit, long offset);
}

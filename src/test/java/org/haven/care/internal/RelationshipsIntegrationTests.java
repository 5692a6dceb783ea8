package org.haven.care.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.haven.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;

/**
 * Care starts only as part of a therapist accepting a request: on its own, outside the
 * acceptance's transaction, no relationship can begin.
 */
class RelationshipsIntegrationTests extends IntegrationTest {

	@Autowired
	Relationships relationships;

	@Autowired
	JdbcClient jdbc;

	@Test
	void careDoesNotStartOutsideAnAcceptance() {
		UUID request = UUID.randomUUID();

		assertThatThrownBy(() -> relationships.start(request, UUID.randomUUID(), UUID.randomUUID()))
			.isInstanceOf(IllegalTransactionStateException.class);
		assertThat(jdbc.sql("select count(*) from care_relationship where request_id = :r")
			.param("r", request)
			.query(Integer.class)
			.single()).isZero();
	}

}

package org.haven.shared.jobs;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets one node at a time run a scheduled job that has no rows of its own to claim (a
 * clean-up that deletes whatever is old): a PostgreSQL advisory lock held by the caller's
 * transaction. A node that finds the job taken skips this round instead of queueing
 * behind the other's row locks; a node that dies gives the lock back with its connection,
 * so nothing waits on it. Jobs with items to hand out claim each item instead (see
 * docs/adr/0008).
 */
public final class JobLock {

	private JobLock() {
	}

	/**
	 * Takes the job's lock for the rest of the current transaction; false if another
	 * transaction (on any node) holds it.
	 * @throws IllegalStateException outside a transaction, where the lock would be let go
	 * at once
	 */
	public static boolean tryHold(JdbcClient jdbc, String job) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The lock of job " + job + " lasts a transaction: start one first");
		}
		return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(:job, 0))")
			.param("job", "haven:" + job)
			.query(Boolean.class)
			.single());
	}

}

package org.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.shared.jobs.JobLock;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.Nodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes purging old sign-in failures at the same moment: every row goes, once; a node
 * that finds the purge running elsewhere skips its round.
 */
class HousekeepingAcrossNodesIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Housekeeping housekeeping;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Housekeeping otherNode;

	@BeforeEach
	void startOtherNode() {
		otherNode = Nodes.another(context, Housekeeping.class);
	}

	@AfterEach
	void stopOtherNode() {
		Nodes.stop(context, otherNode);
	}

	@Test
	void twoHundredOldFailuresAreEachPurgedOnceByTwoNodesAtOnce() throws Exception {
		List<String> keys = oldFailures(200);
		long purgeable = jdbc.sql("""
				select (select count(*) from login_failure where occurred_at < :failures)
				     + (select count(*) from account_token where expires_at < :tokens)""")
			.param("failures", Timestamps.utc(clock.instant().minus(Duration.ofHours(1))))
			.param("tokens", Timestamps.utc(clock.instant().minus(Duration.ofDays(7))))
			.query(Long.class)
			.single();

		List<Integer> purged = Nodes.atOnce(housekeeping::purge, otherNode::purge);

		System.out.printf("Housekeeping across nodes: node A purged %d, node B purged %d, of %d%n", purged.get(0),
				purged.get(1), purgeable);
		assertThat(left(keys)).isZero();
		assertThat(purged.get(0) + purged.get(1)).as("rows the nodes say they removed")
			.isLessThanOrEqualTo((int) purgeable);
	}

	@Test
	void aNodeSkipsThePurgeAnotherIsRunningAndTheNextRoundDoesIt() throws Exception {
		List<String> keys = oldFailures(3);

		int purgedMeanwhile = Nodes.whileAnotherHolds(transactions,
				() -> assertThat(JobLock.tryHold(jdbc, "identity.housekeeping")).isTrue(), otherNode::purge);

		assertThat(purgedMeanwhile).isZero();
		assertThat(left(keys)).isEqualTo(3);
		otherNode.purge();
		assertThat(left(keys)).isZero();
	}

	/** Failures from two hours ago, past the throttle's one-hour window. */
	private List<String> oldFailures(int count) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String key = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
			keys.add(key);
			jdbc.sql("insert into login_failure (failure_key, occurred_at) values (:key, :at)")
				.param("key", key)
				.param("at", Timestamps.utc(clock.instant().minus(Duration.ofHours(2))))
				.update();
		}
		return keys;
	}

	private long left(List<String> keys) {
		return jdbc.sql("select count(*) from login_failure where failure_key in (:keys)")
			.param("keys", keys)
			.query(Long.class)
			.single();
	}

}

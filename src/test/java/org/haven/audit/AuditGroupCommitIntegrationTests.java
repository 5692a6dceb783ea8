package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.haven.audit.AuditTrail.Draft;
import org.haven.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Entries of reads are appended in groups: those that arrive while a group commits wait
 * together and go in the next one, each request returning once its own entry is durable.
 */
class AuditGroupCommitIntegrationTests extends IntegrationTest {

	@Autowired
	AuditGroupCommit group;

	@Autowired
	AuditTrail trail;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void entriesWaitingTogetherAreCommittedInOneGroup() throws Exception {
		ExecutorService requests = Executors.newFixedThreadPool(20);
		List<Future<Long>> groups = new ArrayList<>();
		try (Connection holder = dataSource.getConnection()) {
			// Another transaction holds the chain's head, as a change being audited does.
			holder.setAutoCommit(false);
			try (Statement statement = holder.createStatement()) {
				statement.execute("select last_id from audit_head where singleton = 1 for update");
			}
			for (int i = 0; i < 20; i++) {
				String subject = "page:/group-test/" + i;
				groups.add(requests.submit(
						() -> group.append(new Draft("account:reader", "PAGE_VIEW", subject, null, clock.instant()))));
			}
			// The first group is blocked on the lock; the other entries wait behind it.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> group.pending() == 20);
			assertThat(groups).noneMatch(Future::isDone);
			holder.commit();
		}
		finally {
			requests.shutdown();
		}
		Set<Long> numbers = new TreeSet<>();
		for (Future<Long> future : groups) {
			numbers.add(future.get());
		}
		assertThat(numbers).as("twenty entries, the groups they were committed in").hasSizeLessThanOrEqualTo(2);
		assertThat(jdbc.sql("select count(*) from audit_entry where subject like 'page:/group-test/%'")
			.query(Long.class)
			.single()).isEqualTo(20);
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void aReadEntryIsInTheChainWhenTheCallReturns() {
		trail.recordRead("account:reader", "PAGE_VIEW", "page:/returned");
		List<AuditEntry> entries = trail.about("page:/returned", 5);
		assertThat(entries).singleElement().satisfies((entry) -> {
			assertThat(entry.actor()).isEqualTo("account:reader");
			assertThat(entry.action()).isEqualTo("PAGE_VIEW");
		});
		assertThat(trail.verify().intact()).isTrue();
	}

}

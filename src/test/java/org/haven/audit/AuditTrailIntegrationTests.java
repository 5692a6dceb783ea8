package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.haven.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chain detects edits and deletions anywhere. Tampering tests run in a transaction
 * that is rolled back, so the shared database keeps an intact trail for the other tests.
 */
class AuditTrailIntegrationTests extends IntegrationTest {

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anUntouchedChainVerifies() {
		trail.record("account:a", "TEST_EVENT", "account:b");
		trail.record("account:a", "TEST_EVENT", "account:c", "detail");
		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isTrue();
		assertThat(verification.entriesChecked()).isEqualTo(trail.count());
	}

	@Test
	@Transactional
	void editingAnEntryIsDetected() {
		AuditEntry entry = trail.record("account:a", "SIGN_IN_FAILED", "account:victim");
		trail.record("account:a", "TEST_EVENT", "account:b");
		jdbc.sql("update audit_entry set action = 'SIGN_IN_SUCCEEDED' where id = :id").param("id", entry.id()).update();

		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenId()).isEqualTo(entry.id());
		assertThat(verification.problem()).contains("changed");
	}

	@Test
	@Transactional
	void deletingAnEntryInTheMiddleIsDetected() {
		AuditEntry removed = trail.record("account:a", "TEST_EVENT", "account:1");
		trail.record("account:a", "TEST_EVENT", "account:2");
		jdbc.sql("delete from audit_entry where id = :id").param("id", removed.id()).update();

		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.problem()).contains("missing");
	}

	@Test
	@Transactional
	void deletingTheLastEntryIsDetected() {
		AuditEntry last = trail.record("account:a", "TEST_EVENT", "account:last");
		jdbc.sql("delete from audit_entry where id = :id").param("id", last.id()).update();

		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.problem()).contains("end of the trail");
	}

	@Test
	@Transactional
	void rewritingAnEntryWithAFreshHashBreaksTheLinkToTheNextOne() {
		AuditEntry entry = trail.record("account:a", "TEST_EVENT", "account:x");
		trail.record("account:a", "TEST_EVENT", "account:y");
		String forged = AuditTrail.hash(entry.prevHash(), entry.id(), entry.occurredAt(), entry.actor(), "FORGED",
				entry.subject(), null);
		jdbc.sql("update audit_entry set action = 'FORGED', hash = :hash where id = :id")
			.param("hash", forged)
			.param("id", entry.id())
			.update();

		ChainVerification verification = trail.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenId()).isEqualTo(entry.id() + 1);
	}

	@Test
	void concurrentWritersKeepOneUnbrokenChain() throws Exception {
		long before = trail.count();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<AuditEntry>> writers = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				int n = i;
				writers.add(() -> trail.record("account:w" + n, "CONCURRENT", "account:s" + n));
			}
			for (Future<AuditEntry> future : pool.invokeAll(writers)) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(trail.count()).isEqualTo(before + 40);
		assertThat(trail.verify().intact()).isTrue();
	}

	@Test
	void controlCharactersAndOverlongValuesAreStoredSafely() {
		AuditEntry entry = trail.record("account:a\nFAKE LINE", "TEST_EVENT", "x".repeat(500));
		assertThat(entry.actor()).doesNotContain("\n");
		assertThat(entry.subject()).hasSize(200);
		assertThat(trail.verify().intact()).isTrue();
	}

}

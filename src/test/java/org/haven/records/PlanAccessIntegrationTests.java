package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who reads and writes a client's plans: another therapist, another client, an admin
 * without break-glass and a stranger get 404 on every page and API of them; every read of
 * them is audited.
 */
class PlanAccessIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	PlanParties parties;

	@BeforeEach
	void setUp() {
		parties = PlanParties.create(context, browser(), browser(), uniqueEmail("access-therapist"),
				uniqueEmail("access-client"));
		parties.therapistBrowser()
			.submit(parties.plan() + "/edit", parties.plan(), Map.of("version", "0", "targetDate", "2099-01-01",
					"reviewDate", "2099-01-01", "p0-text", "Panic on the bus"));
		parties.clientBrowser()
			.submit(parties.safetyPlan() + "/edit", parties.safetyPlan(),
					Map.of("version", "0", "warningSigns", "Shaking hands"));
	}

	@Test
	void nobodyButTheClientAndTheirTherapistReachesThePlans() {
		TestAccounts accounts = TestAccounts.in(context);
		TestPractice other = TestPractice.open(context, uniqueEmail("other-therapist"));
		TestAccount otherClient = other.clientInCare(uniqueEmail("other-client"), false);
		List<WebSession> outsiders = List.of(PlanParties.signIn(browser(), other.therapist()),
				PlanParties.signIn(browser(), otherClient),
				PlanParties.signIn(browser(), accounts.admin(uniqueEmail("access-admin"))),
				PlanParties.signIn(browser(), accounts.client(uniqueEmail("stranger"))));
		String client = parties.clientId().toString();
		for (WebSession outsider : outsiders) {
			outsider.get("/home");
			for (String path : List.of(parties.plan(), parties.plan() + "/edit", parties.safetyPlan(),
					parties.safetyPlan() + "/edit", "/api/v1/records/plans/" + client,
					"/api/v1/records/safety-plan/" + client)) {
				assertThat(outsider.get(path).status()).as(path).isEqualTo(404);
			}
			assertThat(outsider.post(parties.plan(), Map.of("version", "1", "p0-text", "x")).status()).isEqualTo(404);
			assertThat(outsider.post(parties.plan() + "/acknowledge", Map.of("version", "1")).status()).isEqualTo(404);
			assertThat(outsider.post(parties.plan() + "/review", Map.of("nextReviewDate", "2099-02-01")).status())
				.isEqualTo(404);
			assertThat(outsider.post(parties.safetyPlan(), Map.of("version", "1", "warningSigns", "x")).status())
				.isEqualTo(404);
			assertThat(outsider.postJson("/api/v1/records/safety-plan/" + client, "{\"version\":1}").status())
				.isEqualTo(404);
			assertThat(outsider.postJson("/api/v1/records/plans/" + client + "/review", "{}").status()).isEqualTo(404);
		}
		String content = jdbc.sql("select content from records_safety_plan where client_id = ?")
			.param(parties.clientId())
			.query(String.class)
			.single();
		assertThat(content).doesNotContain("Shaking hands");
		assertThat(parties.clientBrowser().get(parties.safetyPlan()).body()).contains("Shaking hands");
	}

	@Test
	void everyReadOfAPlanIsAudited() {
		long plans = reads("TREATMENT_PLAN_READ", "treatment-plan:");
		long safety = reads("SAFETY_PLAN_READ", "safety-plan:");

		parties.clientBrowser().get(parties.plan());
		parties.therapistBrowser().get("/api/v1/records/plans/" + parties.clientId());
		parties.therapistBrowser().get(parties.safetyPlan());
		parties.clientBrowser().get("/api/v1/records/safety-plan/" + parties.clientId());

		assertThat(reads("TREATMENT_PLAN_READ", "treatment-plan:")).isEqualTo(plans + 2);
		assertThat(reads("SAFETY_PLAN_READ", "safety-plan:")).isEqualTo(safety + 2);
		assertThat(jdbc.sql("select count(*) from audit_entry where action = 'TREATMENT_PLAN_READ' and actor like ?")
			.param("%" + parties.therapist().id() + "%")
			.query(Long.class)
			.single()).isPositive();
	}

	private long reads(String action, String subject) {
		return jdbc.sql("select count(*) from audit_entry where action = ? and subject = ?")
			.param(action)
			.param(subject + parties.clientId())
			.query(Long.class)
			.single();
	}

}

package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.haven.support.IntegrationTest;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The safety plan: written together by the client and their therapist, a save that did
 * not start from the current version refused rather than overwriting, what was typed
 * kept, and the words stored encrypted.
 */
class SafetyPlanIntegrationTests extends IntegrationTest {

	static final String SIGN = "Lying awake making lists of what went wrong";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	PlanParties parties;

	@BeforeEach
	void setUp() {
		parties = PlanParties.create(context, browser(), browser(), uniqueEmail("safety-therapist"),
				uniqueEmail("safety-client"));
	}

	@Test
	void theClientAndTheTherapistBothEditItAndAStaleSaveIsRefused() {
		assertThat(parties.clientBrowser().get("/home").body()).contains("href=\"" + parties.safetyPlan() + "\"");
		String empty = parties.clientBrowser().get(parties.safetyPlan()).body();
		assertThat(empty).contains("Your safety plan", "Nothing is written in this safety plan yet.", "Warning signs",
				"Internal coping strategies", "People and social settings that provide distraction",
				"People whom I can ask for help", "Professionals or agencies to contact in a crisis",
				"Making the environment safe", "Reasons for living");

		// The client opens the form, then the therapist saves first.
		assertThat(parties.clientBrowser().get(parties.safetyPlan() + "/edit").status()).isEqualTo(200);
		Response byClient = parties.clientBrowser()
			.post(parties.safetyPlan(), form("0", SIGN + "\nPacing the kitchen", "My sister Ana, 555 0100"));
		assertThat(byClient.location()).endsWith(parties.safetyPlan() + "?saved");

		Response byTherapist = parties.therapistBrowser()
			.submit(parties.safetyPlan() + "/edit", parties.safetyPlan(),
					form("1", SIGN + "\nPacing the kitchen\nSkipping meals", "My sister Ana, 555 0100"));
		assertThat(byTherapist.location()).endsWith(parties.safetyPlan() + "?saved");

		// The client's next save started from version 1: refused, what they typed kept.
		Response stale = parties.clientBrowser()
			.post(parties.safetyPlan(), form("1", SIGN, "My neighbour Joe, 555 0199"));
		assertThat(stale.status()).isEqualTo(200);
		assertThat(stale.body()).contains("Someone else saved the safety plan while you were editing it",
				"My neighbour Joe, 555 0199", "value=\"2\"");
		Response staleApi = parties.clientBrowser()
			.postJson("/api/v1/records/safety-plan/" + parties.clientId(),
					"{\"version\":1,\"sections\":{\"warningSigns\":[\"x\"]}}");
		assertThat(staleApi.status()).isEqualTo(409);
		assertThat(staleApi.body()).contains("\"field\":\"version\"");

		String page = parties.clientBrowser().get(parties.safetyPlan()).body();
		assertThat(page).contains("Skipping meals", "My sister Ana, 555 0100", "Last saved by", "Test therapist")
			.doesNotContain("My neighbour Joe");

		// Saving again from the version shown replaces it, as the person chose.
		Response again = parties.clientBrowser()
			.post(parties.safetyPlan(), form("2", SIGN, "My neighbour Joe, 555 0199"));
		assertThat(again.location()).endsWith(parties.safetyPlan() + "?saved");
		Response read = parties.therapistBrowser().get("/api/v1/records/safety-plan/" + parties.clientId());
		assertThat(read.body()).contains("\"version\":3", "My neighbour Joe, 555 0199", "\"editable\":true");

		String stored = jdbc.sql("select content from records_safety_plan where client_id = ?")
			.param(parties.clientId())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(SIGN).doesNotContain("neighbour Joe").doesNotContain("555 0199");
	}

	@Test
	void aSectionTooLongIsRefusedWithWhatWasTyped() {
		Response refused = parties.clientBrowser()
			.submit(parties.safetyPlan() + "/edit", parties.safetyPlan(), form("0", "x".repeat(401), "Ana"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Keep each item to 400 characters.", "x".repeat(401));
	}

	static Map<String, String> form(String version, String warningSigns, String help) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("version", version);
		form.put("warningSigns", warningSigns);
		form.put("internalCoping", "Walk around the block");
		form.put("help", help);
		form.put("professionals", "988 Suicide and Crisis Lifeline");
		form.put("reasons", "My dog");
		return form;
	}

}

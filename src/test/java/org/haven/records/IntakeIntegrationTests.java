package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intake questionnaire end to end: saved as the client types with a version that
 * refuses stale saves, submitted only when complete, stored sealed, read by the client's
 * therapist only (audited each time), reviewed, and then on the chart.
 */
class IntakeIntegrationTests extends IntegrationTest {

	private static final String CONCERN = "Panic attacks on the train every morning";

	private static final String COMPLETE = """
			{"preferredName":"Robin","pronouns":"they/them","dateOfBirth":"1990-04-21","concerns":"%s",
			"harmSelf":"no","harmOthers":"no","emergencyName":"Kim","emergencyPhone":"555 0101"}""".formatted(CONCERN);

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	TestAccount client;

	WebSession clientBrowser;

	String api;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("intake-therapist"));
		client = practice.clientInCare(uniqueEmail("intake-client"), true);
		clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		// A page of the signed-in session, whose CSRF token the API calls send.
		clientBrowser.get("/home");
		api = "/api/v1/records/clients/" + client.id() + "/intake";
	}

	@Test
	void answersAreSavedAsTheClientTypesAndAStaleSaveIsRefused() {
		assertThat(clientBrowser.get("/home").body()).contains("intake questionnaire");
		Response page = clientBrowser.get("/records/clients/" + client.id() + "/intake");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Intake questionnaire · Haven</title>").contains("/js/intake");

		Response first = clientBrowser.postJson(api, "{\"version\":0,\"answers\":{\"concerns\":\"" + CONCERN + "\"}}");
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.body()).contains("\"version\":1").contains("\"status\":\"DRAFT\"");

		Response stale = clientBrowser.postJson(api, "{\"version\":0,\"answers\":{\"concerns\":\"Older words\"}}");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("another window");
		assertThat(
				clientBrowser.postJson(api, "{\"version\":1,\"answers\":{\"concerns\":\"" + CONCERN + "!\"}}").body())
			.contains("\"version\":2");

		// The form's own Save button, without the script, takes the same path.
		Response saved = clientBrowser.submit("/records/clients/" + client.id() + "/intake",
				"/records/clients/" + client.id() + "/intake",
				Map.of("version", "2", "concerns", CONCERN, "preferredName", "Robin", "save", "save"));
		assertThat(saved.status()).isEqualTo(302);
		Response staleForm = clientBrowser.post("/records/clients/" + client.id() + "/intake",
				Map.of("version", "2", "concerns", "Typed in an old tab", "save", "save"));
		assertThat(staleForm.status()).isEqualTo(200);
		assertThat(staleForm.body()).contains("another window").contains("Typed in an old tab");

		assertThat(jdbc.sql("select answers from records_intake where client_id = ?")
			.param(client.id())
			.query(String.class)
			.single()).as("stored sealed").doesNotContain("Panic").doesNotContain("Robin");
		assertThat(clientBrowser.get(api).body()).contains(CONCERN).contains("\"version\":3");
	}

	@Test
	void aQuestionnaireIsSentOnlyWhenEveryRequiredAnswerIsGiven() {
		Response refused = clientBrowser.submit("/records/clients/" + client.id() + "/intake",
				"/records/clients/" + client.id() + "/intake", Map.of("version", "0", "concerns", CONCERN, "harmSelf",
						"yes", "dateOfBirth", "2999-01-01", "send", "send"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("There is a problem")
			.contains("Enter the name you would like to be called.")
			.contains("Enter your date of birth as a date in the past")
			.contains("Tell your therapist a little about these thoughts.")
			.contains("Answer whether you have had thoughts of harming someone else in the past month.")
			.contains("Enter the name of your emergency contact.")
			.contains("Enter your emergency contact&#39;s phone number.")
			.contains(CONCERN);
		assertThat(jdbc.sql("select count(*) from records_intake where client_id = ?")
			.param(client.id())
			.query(Long.class)
			.single()).as("nothing stored by a refused submission").isZero();

		Response api400 = clientBrowser.postJson(api + "/submit", "{\"version\":0,\"answers\":{}}");
		assertThat(api400.status()).isEqualTo(400);
		assertThat(api400.body()).contains("\"field\":\"preferredName\"");
		assertThat(clientBrowser.postJson(api, "{\"version\":0,\"answers\":{\"harmSelf\":\"maybe\"}}").body())
			.contains("\"field\":\"harmSelf\"");

		Response sent = clientBrowser.postJson(api + "/submit", "{\"version\":0,\"answers\":" + COMPLETE + "}");
		assertThat(sent.status()).as(sent.body()).isEqualTo(200);
		assertThat(sent.body()).contains("\"status\":\"SUBMITTED\"");
		assertThat(clientBrowser.postJson(api, "{\"version\":1,\"answers\":{}}").status()).as("no change once sent")
			.isEqualTo(409);
		assertThat(clientBrowser.get("/home").body()).doesNotContain("Before your first session");
	}

	@Test
	void onlyTheTherapistReadsTheSentQuestionnaireEachReadIsAuditedAndTheReviewOpensTheChart() {
		TestAccount therapist = practice.therapist();
		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(therapist.email(), therapist.password(), therapist.code());
		String page = "/records/clients/" + client.id() + "/intake";
		assertThat(therapistBrowser.get(page).status()).as("nothing sent yet").isEqualTo(404);

		assertThat(clientBrowser.postJson(api + "/submit", "{\"version\":0,\"answers\":" + COMPLETE + "}").status())
			.isEqualTo(200);
		long before = reads();
		Response read = therapistBrowser.get(page);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.body()).contains(CONCERN).contains("Mark as reviewed");
		assertThat(therapistBrowser.get(api).body()).contains(CONCERN);
		assertThat(reads()).as("one audit entry per read").isEqualTo(before + 2);

		TestAccounts accounts = TestAccounts.in(context);
		for (TestAccount stranger : new TestAccount[] { accounts.therapist(uniqueEmail("stranger-therapist")),
				accounts.admin(uniqueEmail("stranger-admin")) }) {
			WebSession browser = browser();
			browser.signIn(stranger.email(), stranger.password(), stranger.code());
			assertThat(browser.get(page).status()).isEqualTo(404);
			assertThat(browser.get(api).status()).isEqualTo(404);
			assertThat(browser.post(page + "/review", Map.of()).status()).isEqualTo(404);
		}
		TestAccount otherClient = accounts.client(uniqueEmail("stranger-client"));
		WebSession otherBrowser = browser();
		otherBrowser.signIn(otherClient.email(), otherClient.password(), null);
		otherBrowser.get("/home");
		assertThat(otherBrowser.get(page).status()).isEqualTo(404);
		assertThat(otherBrowser.postJson(api, "{\"version\":0,\"answers\":{}}").status()).isEqualTo(404);
		assertThat(reads()).as("no read for those without a right").isEqualTo(before + 2);
		assertThat(clientBrowser.post(page + "/review", Map.of()).status()).as("the client does not review")
			.isEqualTo(404);

		Response reviewed = therapistBrowser.post(page + "/review", Map.of());
		assertThat(reviewed.status()).isEqualTo(302);
		assertThat(reviewed.location()).endsWith("/records/clients/" + client.id() + "?reviewed");
		assertThat(therapistBrowser.postJson(api + "/review", "{}").status()).as("already reviewed").isEqualTo(409);
		String chart = therapistBrowser.get("/records/clients/" + client.id()).body();
		assertThat(chart).contains("Intake questionnaire reviewed by").contains("Intake questionnaire sent");
		assertThat(chart).contains("href=\"" + page + "\"");
		assertThat(chart).doesNotContain(CONCERN);
	}

	private long reads() {
		return jdbc.sql("select count(*) from audit_entry where action = 'INTAKE_READ' and subject = ?")
			.param("intake:" + client.id())
			.query(Long.class)
			.single();
	}

}

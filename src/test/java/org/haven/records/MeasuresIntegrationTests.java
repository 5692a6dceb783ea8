package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.haven.records.internal.Assignments;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * Outcome measures end to end: when an assigned measure is due, a submission stored once
 * however often it is sent, a risk on the PHQ-9's ninth item raised once per submission
 * with the crisis lines shown to the client, the therapist's banner on every page until
 * acknowledged, and a mail that says nothing of the answers.
 */
class MeasuresIntegrationTests extends IntegrationTest {

	static final List<Integer> RISK = List.of(1, 2, 1, 2, 1, 2, 1, 2, 2);

	@Autowired
	ApplicationContext context;

	@Autowired
	Assignments assignments;

	@Autowired
	ApplicationEventMulticaster multicaster;

	MeasuresFixture fixture;

	/** Every RiskFlagged published for this test's client, as it is published. */
	final List<RiskFlagged> raised = new CopyOnWriteArrayList<>();

	private final ApplicationListener<ApplicationEvent> listener = event -> {
		if (fixture != null && event instanceof PayloadApplicationEvent<?> payload
				&& payload.getPayload() instanceof RiskFlagged flagged
				&& flagged.clientId().equals(fixture.client().id())) {
			raised.add(flagged);
		}
	};

	@BeforeEach
	void listen() {
		multicaster.addApplicationListener(listener);
	}

	@AfterEach
	void stopListening() {
		multicaster.removeApplicationListener(listener);
	}

	@BeforeEach
	void setUp() {
		fixture = MeasuresFixture.create(context, uniqueEmail("measures-therapist"), uniqueEmail("measures-client"),
				browser(), browser());
	}

	@Test
	void aMeasureBeforeEverySessionIsDueFromThreeDaysBeforeUntilAnsweredOrTheSessionEnds() {
		FreeSlot slot = fixture.practice().freeSlotAfter(clock.instant().plus(Duration.ofDays(5)));
		fixture.practice().book(fixture.client(), slot, "VIDEO");
		UUID assignment = fixture.assign("PHQ9", "EVERY_SESSION", "");
		assertThat(assignments.due(fixture.client().id())).isEmpty();
		assertThat(fixture.clientWeb().get("/home").body()).doesNotContain("Questionnaires to fill in");

		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofDays(2))));
		assertThat(assignments.due(fixture.client().id())).singleElement()
			.satisfies(due -> assertThat(due.before()).isEqualTo(slot.start()));
		fixture = fixture.signedInAgain(browser(), browser());
		assertThat(fixture.clientWeb().get("/home").body()).contains("Questionnaires to fill in")
			.contains("Fill in the PHQ-9");

		Response sent = fixture.send(assignment, fixture.openForm(assignment), List.of(0, 1, 0, 1, 0, 1, 0, 1, 0));
		assertThat(MeasuresFixture.path(sent)).matches("/records/measures/responses/[0-9a-f-]{36}");
		assertThat(assignments.due(fixture.client().id())).isEmpty();

		clock.advance(Duration.ofDays(3));
		assertThat(assignments.due(fixture.client().id())).as("the session has passed").isEmpty();
	}

	@Test
	void aMeasureEveryTwoWeeksIsDueAtOnceAndAgainTwoWeeksLater() {
		Response assigned = fixture.therapistWeb()
			.postJson("/api/v1/records/measures/clients/" + fixture.client().id() + "/assignments",
					"{\"instrument\":\"GAD7\",\"schedule\":\"EVERY_N_WEEKS\",\"weeks\":2}");
		assertThat(assigned.status()).isEqualTo(201);
		fixture.clientWeb().get("/home");
		Response due = fixture.clientWeb().get("/api/v1/records/measures/due");
		assertThat(due.body()).contains("\"instrument\":\"GAD7\"");
		UUID assignment = assignments.due(fixture.client().id()).get(0).assignment().id();

		Response sent = fixture.clientWeb()
			.postJson("/api/v1/records/measures/assignments/" + assignment + "/responses",
					"{\"submissionKey\":\"" + UUID.randomUUID() + "\",\"answers\":[1,1,1,1,1,1,1]}");
		assertThat(sent.status()).isEqualTo(200);
		assertThat(sent.body()).contains("\"riskRaised\":false");
		assertThat(assignments.due(fixture.client().id())).isEmpty();
		clock.advance(Duration.ofDays(13));
		assertThat(assignments.due(fixture.client().id())).isEmpty();
		clock.advance(Duration.ofDays(1).plusMinutes(1));
		assertThat(assignments.due(fixture.client().id())).hasSize(1);
		fixture = fixture.signedInAgain(browser(), browser());
		fixture.therapistWeb().get(fixture.clientPage());
		assertThat(fixture.therapistWeb()
			.post("/records/measures/assignments/" + assignment + "/stop", Map.of())
			.location()).endsWith("?stopped");
		assertThat(assignments.due(fixture.client().id())).isEmpty();
	}

	@Test
	void aMissingAnswerIsRefusedAtItsQuestionAndTheOtherAnswersAreKept() {
		UUID assignment = fixture.assign("PHQ9", "ONCE", "");
		String key = fixture.openForm(assignment);
		Response refused = fixture.send(assignment, key, Arrays.asList(1, 2, null, 0, 0, 0, 0, 0, 0));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("Choose an answer for question 3.")
			.contains("name=\"submissionKey\" value=\"" + key + "\"")
			.containsPattern("id=\"item2-2\"[^>]*value=\"2\"[^>]*checked");
		assertThat(fixture.count("select count(*) from records_measure_response where client_id = ?",
				fixture.client().id()))
			.isZero();
	}

	@Test
	void aRetriedSubmissionIsStoredOnceAndRaisesOneRiskAndTheClientSeesTheCrisisLines() {
		UUID assignment = fixture.assign("PHQ9", "ONCE", "");
		String key = fixture.openForm(assignment);
		Response first = fixture.send(assignment, key, RISK);
		Response retried = fixture.send(assignment, key, RISK);
		assertThat(MeasuresFixture.path(retried)).isEqualTo(MeasuresFixture.path(first));
		assertThat(fixture.count("select count(*) from records_measure_response where submission_key = ?::uuid", key))
			.isOne();
		assertThat(fixture.count("select count(*) from records_risk_flag where client_id = ?", fixture.client().id()))
			.isOne();
		assertThat(raised).as("RiskFlagged published once for a submission sent twice").hasSize(1);
		assertThat(raised.get(0).clientId()).isEqualTo(fixture.client().id());
		// Published with this audit entry, in the same transaction.
		assertThat(fixture.count("select count(*) from audit_entry where action = 'RISK_FLAGGED' and detail = ?",
				"client:" + fixture.client().id()))
			.isOne();
		TestMail.awaitMail(fixture.therapist().email(), 1);

		Response sent = fixture.clientWeb().get(MeasuresFixture.path(first));
		assertThat(sent.body()).contains("If you are thinking about harming yourself").contains("tel:988");

		// A new form is a new submission: one more response, one more flag.
		fixture.send(assignment, fixture.openForm(assignment), RISK);
		assertThat(fixture.count("select count(*) from records_risk_flag where client_id = ?", fixture.client().id()))
			.isEqualTo(2);
		assertThat(raised).hasSize(2);
		TestMail.awaitMail(fixture.therapist().email(), 2);
		assertThat(TestMail.to(fixture.therapist().email())).as("one mail per submission").hasSize(2);
	}

	@Test
	void theTherapistSeesTheBannerOnEveryPageUntilAcknowledgedAndAMailThatSaysNothingOfTheAnswers() {
		UUID assignment = fixture.assign("PHQ9", "ONCE", "");
		Response sent = fixture.send(assignment, fixture.openForm(assignment), RISK);
		String responsePage = MeasuresFixture.path(sent);
		for (String page : List.of("/home", "/appointments", "/account", "/records/measures")) {
			assertThat(fixture.therapistWeb().get(page).body()).as(page)
				.contains("A client's answers need your attention")
				.contains(responsePage);
		}
		assertThat(fixture.clientWeb().get("/home").body()).doesNotContain("need your attention");

		MimeMessage mail = TestMail.awaitMail(fixture.therapist().email(), 1);
		String body = TestMail.body(mail);
		assertThat(TestMail.subject(mail)).isEqualTo("A client's answers need your attention in Haven");
		assertThat(body).contains(responsePage);
		// The words around the link (the link's id is random and may hold any digits).
		assertThat(body.replace(responsePage, "")).doesNotContain("Thoughts")
			.doesNotContain("better off dead")
			.doesNotContain("13")
			.doesNotContain("moderate");

		Response page = fixture.therapistWeb().get(responsePage);
		assertThat(page.body()).contains("These answers raised a risk")
			.contains("Thoughts that you would be better off dead");
		String flag = fixture.jdbc()
			.sql("select id from records_risk_flag where client_id = :c")
			.param("c", fixture.client().id())
			.query(String.class)
			.single();
		Response acknowledged = fixture.therapistWeb()
			.post("/records/measures/flags/" + flag + "/acknowledge", Map.of());
		assertThat(MeasuresFixture.path(acknowledged)).isEqualTo(responsePage + "?acknowledged");
		assertThat(fixture.therapistWeb().get("/home").body()).doesNotContain("need your attention");
		assertThat(fixture.count(
				"select count(*) from records_risk_flag where id = ?::uuid and acknowledged_by = ? and acknowledged_at is not null",
				flag, fixture.therapist().id()))
			.isOne();
		assertThat(fixture.count("select count(*) from audit_entry where action = 'RISK_ACKNOWLEDGED' and subject = ?",
				"risk-flag:" + flag))
			.isOne();
	}

	@Test
	void theTherapistAdministersAMeasureDuringASession() {
		String form = "/records/measures/clients/" + fixture.client().id() + "/administer?instrument=GAD7";
		Response page = fixture.therapistWeb().get(form);
		assertThat(page.body()).contains("Feeling nervous, anxious or on edge").contains("during your session");
		Matcher matcher = Pattern.compile("name=\"submissionKey\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(matcher.find()).isTrue();
		Response sent = fixture.therapistWeb()
			.post(form, MeasuresFixture.form(matcher.group(1), List.of(2, 2, 2, 2, 2, 2, 2)));
		assertThat(MeasuresFixture.path(sent)).startsWith("/records/measures/responses/");
		assertThat(fixture.count(
				"select count(*) from records_measure_response where client_id = ? and administered_by = ? and instrument = 'GAD7'",
				fixture.client().id(), fixture.therapist().id()))
			.isOne();
		assertThat(fixture.therapistWeb().get(MeasuresFixture.path(sent)).body()).contains("14").contains("moderate");
	}

}

package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.TimelineEntry;
import org.haven.records.internal.TimelineSource;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The treatment plan: the therapist writes and changes it, every status change is kept
 * with who, when, from and to, the client acknowledges each version, a passed review date
 * waits on the therapist's home until the plan is reviewed, and the words are stored
 * encrypted.
 */
class TreatmentPlanIntegrationTests extends IntegrationTest {

	static final String PROBLEM = "Low mood since the move to a new city";

	static final String GOAL = "Sleep through most nights";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<TimelineSource> timeline;

	PlanParties parties;

	@BeforeEach
	void setUp() {
		parties = PlanParties.create(context, browser(), browser(), uniqueEmail("plan-therapist"),
				uniqueEmail("plan-client"));
	}

	@Test
	void theTherapistWritesAndChangesThePlanAndEveryStatusChangeIsKept() {
		Response saved = parties.therapistBrowser().submit(parties.plan() + "/edit", parties.plan(), firstPlan());
		assertThat(saved.status()).as(saved.body()).isEqualTo(302);
		assertThat(saved.location()).endsWith(parties.plan() + "?saved");

		String page = parties.therapistBrowser().get(parties.plan()).body();
		assertThat(page).contains(PROBLEM, GOAL, "Seven hours on five nights a week", "A sleep diary",
				"Behavioural activation", "Not acknowledged yet.");

		// The edit page carries the items' ids; changing a status keeps them.
		JsonNode plan = read(parties.therapistBrowser().get("/api/v1/records/plans/" + parties.clientId()))
			.path("plan");
		ObjectNode change = changed(plan, "ACHIEVED");
		Response changed = parties.therapistBrowser()
			.postJson("/api/v1/records/plans/" + parties.clientId(), change.toString());
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(read(changed).path("version").asInt()).isEqualTo(2);

		String history = parties.therapistBrowser().get(parties.plan()).body();
		assertThat(history).contains("Status changes", "Goal</span>: <span>" + GOAL, "<td>Active</td><td>Achieved</td>",
				"Changed (version 2)", "Written (version 1)");
		JsonNode events = read(parties.therapistBrowser().get("/api/v1/records/plans/" + parties.clientId()))
			.path("history");
		assertThat(events.toString()).contains("\"from\":\"ACTIVE\"", "\"to\":\"ACHIEVED\"",
				"\"actorId\":\"" + parties.therapist().id() + "\"");

		// What the therapist wrote is ciphertext in the database.
		String stored = jdbc.sql("select content from records_treatment_plan where client_id = ?")
			.param(parties.clientId())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(PROBLEM).doesNotContain(GOAL).doesNotContain("sleep diary");

		// The chart's timeline shows the changes, without the plan's words.
		List<TimelineEntry> entries = timeline.stream()
			.flatMap(source -> source
				.entries(new ChartAccess.Reader(parties.therapist().id(), parties.clientId(),
						ChartAccess.Kind.THERAPIST, null))
				.stream())
			.filter(e -> e.kind().equals("plan"))
			.toList();
		assertThat(entries).extracting(TimelineEntry::title)
			.contains("Treatment plan: Written (version 1)", "Treatment plan: Goal changed from Active to Achieved");
		assertThat(entries.toString()).doesNotContain(GOAL);
	}

	@Test
	void aRefusedPlanShowsEveryMistakeAndKeepsWhatWasTyped() {
		Map<String, String> form = firstPlan();
		form.put("p0-g0-o0-measure", "");
		form.put("reviewDate", "someday");
		Response refused = parties.therapistBrowser().submit(parties.plan() + "/edit", parties.plan(), form);
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("There is a problem", "Say how this objective is measured.",
				"the date to review the plan by as a date", PROBLEM, "Seven hours on five nights a week");
		assertThat(jdbc.sql("select count(*) from records_treatment_plan where client_id = ?")
			.param(parties.clientId())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theClientAcknowledgesEachVersionTheyRead() {
		parties.therapistBrowser().submit(parties.plan() + "/edit", parties.plan(), firstPlan());
		assertThat(parties.clientBrowser().get("/home").body()).contains("Your treatment plan",
				"please read and acknowledge it");

		Response page = parties.clientBrowser().get(parties.plan());
		assertThat(page.body()).contains(PROBLEM, "I have read this plan");
		Response acknowledged = parties.clientBrowser().post(parties.plan() + "/acknowledge", Map.of("version", "1"));
		assertThat(acknowledged.location()).endsWith(parties.plan() + "?acknowledged");
		assertThat(parties.clientBrowser().get(parties.plan()).body()).doesNotContain("I have read this plan")
			.contains("Acknowledged by the client on");
		assertThat(parties.therapistBrowser().get(parties.plan()).body()).contains("Acknowledged by the client on",
				"(version <span>1</span>)");

		// A change asks for a new acknowledgement, shown to both.
		JsonNode plan = read(parties.therapistBrowser().get("/api/v1/records/plans/" + parties.clientId()))
			.path("plan");
		parties.therapistBrowser()
			.postJson("/api/v1/records/plans/" + parties.clientId(), changed(plan, "REVISED").toString());
		assertThat(parties.therapistBrowser().get(parties.plan()).body()).contains("a new acknowledgement is needed");
		assertThat(parties.clientBrowser().get(parties.plan()).body()).contains("a new acknowledgement is needed",
				"I have read this plan");
		assertThat(parties.clientBrowser().get("/home").body()).contains("please read and acknowledge it");

		// Acknowledging the version read before the change is refused.
		Response stale = parties.clientBrowser()
			.postJson("/api/v1/records/plans/" + parties.clientId() + "/acknowledgement", "{\"version\":1}");
		assertThat(stale.status()).isEqualTo(409);
		Response current = parties.clientBrowser()
			.postJson("/api/v1/records/plans/" + parties.clientId() + "/acknowledgement", "{\"version\":2}");
		assertThat(current.status()).as(current.body()).isEqualTo(200);
		assertThat(read(current).path("acknowledgedVersion").asInt()).isEqualTo(2);

		// The client reads their plan but never writes it.
		assertThat(parties.clientBrowser().get(parties.plan() + "/edit").status()).isEqualTo(404);
		assertThat(parties.clientBrowser().post(parties.plan(), firstPlan()).status()).isEqualTo(404);
		assertThat(parties.clientBrowser()
			.postJson("/api/v1/records/plans/" + parties.clientId(), changed(plan, "ACTIVE").toString())
			.status()).isEqualTo(404);
		assertThat(parties.therapistBrowser().post(parties.plan() + "/acknowledge", Map.of("version", "2")).status())
			.isEqualTo(404);
	}

	@Test
	void aPassedReviewDateWaitsOnTheTherapistsHomeUntilThePlanIsReviewed() {
		parties.therapistBrowser().submit(parties.plan() + "/edit", parties.plan(), firstPlan());
		assertThat(parties.therapistBrowser().get("/home").body()).doesNotContain("Treatment plans to review");

		clock.advance(Duration.ofDays(8));
		var therapist = PlanParties.signIn(browser(), parties.therapist());
		String home = therapist.get("/home").body();
		assertThat(home).contains("Treatment plans to review", "href=\"" + parties.plan() + "\"");
		assertThat(therapist.get(parties.plan()).body()).contains("The review date has passed");

		Response early = therapist.post(parties.plan() + "/review", Map.of("nextReviewDate", today().toString()));
		assertThat(early.status()).isEqualTo(200);
		assertThat(early.body()).contains("The next review date must be after today.");

		Response reviewed = therapist.post(parties.plan() + "/review",
				Map.of("nextReviewDate", today().plusDays(30).toString()));
		assertThat(reviewed.location()).endsWith(parties.plan() + "?reviewed");
		assertThat(therapist.get("/home").body()).doesNotContain("Treatment plans to review");
		assertThat(therapist.get(parties.plan()).body()).contains("Reviewed", today().plusDays(30).toString());
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/** A plan of one problem, one goal with one objective, and one intervention. */
	Map<String, String> firstPlan() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("version", "0");
		form.put("targetDate", today().plusMonths(6).toString());
		form.put("reviewDate", today().plusDays(7).toString());
		form.put("p0-text", PROBLEM);
		form.put("p0-g0-text", GOAL);
		form.put("p0-g0-o0-text", "Seven hours on five nights a week");
		form.put("p0-g0-o0-measure", "A sleep diary");
		form.put("p0-g0-o0-target", today().plusMonths(2).toString());
		form.put("p0-i0-text", "Behavioural activation");
		// The blank slots a page posts are ignored.
		form.put("p1-text", "");
		form.put("p1-g0-text", "");
		return form;
	}

	/** The plan as read, with its first goal set to the status. */
	static ObjectNode changed(JsonNode plan, String goalStatus) {
		ObjectNode draft = JSON.createObjectNode();
		draft.put("version", plan.path("version").asInt());
		draft.put("targetDate", plan.path("targetDate").asString());
		draft.put("reviewDate", plan.path("reviewDate").asString());
		draft.set("problems", plan.path("problems").deepCopy());
		((ObjectNode) draft.path("problems").path(0).path("goals").path(0)).put("status", goalStatus);
		return draft;
	}

	static JsonNode read(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

}

package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.networknt.schema.Schema;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.records.TestNotes;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * /v3/api-docs is a contract: every operation it documents is called here for each status
 * it documents (its success and every refusal), and each real answer must have a
 * documented status, the documented media type and a body valid against the documented
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 uses). An operation or status documented
 * but never provoked fails the test, so the description cannot promise what nobody
 * checked. The description is written to target/openapi.json for the Redocly lint in
 * .ci/run.
 */
class ApiContractIntegrationTests extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApplicationContext context;

	private JsonNode description;

	private final Set<String> exercised = new TreeSet<>();

	private final List<String> violations = new ArrayList<>();

	/**
	 * The chat's therapist, signed in once: a second sign-in within the same 30 seconds
	 * would offer the same one-time code, which is refused as a replay.
	 */
	private WebSession therapistSession;

	@Test
	void everyDocumentedAnswerIsRealAndEveryRealAnswerIsDocumented() throws IOException {
		Response docs = browser().get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "openapi.json"),
				JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(docs.body())));
		description = JSON.readTree(docs.body());
		assertThat(description.path("openapi").asString()).startsWith("3.1");

		TestAccounts accounts = TestAccounts.in(context);
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("contract-therapist"),
				uniqueEmail("contract-client"));
		WebSession client = ChatFixture.signIn(browser(), chat.client());
		client.get("/home");
		TestAccount adminAccount = accounts.admin(uniqueEmail("contract-admin"));
		WebSession admin = ChatFixture.signIn(browser(), adminAccount);
		TestAccount halfAccount = accounts.therapist(uniqueEmail("contract-half"));
		WebSession half = browser();
		half.signIn(halfAccount.email(), halfAccount.password());
		WebSession anonymous = browser();
		anonymous.get("/login");
		String therapist = chat.therapist().id().toString();
		String unknown = UUID.randomUUID().toString();
		List<FreeSlot> free = chat.practice().freeSlotsAfter(clock.instant(), 4);
		String booked = chat.practice().book(chat.client(), free.get(1), "VIDEO").toString();

		check("getMe", 200, client.get("/api/v1/me"));
		check("getMe", 401, anonymous.get("/api/v1/me"));
		check("getMe", 403, half.get("/api/v1/me"));

		check("listUsers", 200, admin.get("/api/v1/admin/users?page=0"));
		check("listUsers", 400, admin.get("/api/v1/admin/users?page=first"));
		check("listUsers", 401, anonymous.get("/api/v1/admin/users"));
		check("listUsers", 403, client.get("/api/v1/admin/users"));

		check("verifyAuditChain", 200, admin.get("/api/v1/admin/audit/verification"));
		check("verifyAuditChain", 401, anonymous.get("/api/v1/admin/audit/verification"));
		check("verifyAuditChain", 403, client.get("/api/v1/admin/audit/verification"));

		check("searchTherapists", 200, client.get("/api/v1/therapists?jurisdiction=US-NY"));
		check("searchTherapists", 400, client.get("/api/v1/therapists"));
		check("searchTherapists", 401, anonymous.get("/api/v1/therapists?jurisdiction=US-NY"));
		check("searchTherapists", 403, half.get("/api/v1/therapists?jurisdiction=US-NY"));

		check("getTherapist", 200, client.get("/api/v1/therapists/" + therapist));
		check("getTherapist", 400, client.get("/api/v1/therapists/not-an-id"));
		check("getTherapist", 404, client.get("/api/v1/therapists/" + unknown));
		check("getTherapist", 401, anonymous.get("/api/v1/therapists/" + therapist));
		check("getTherapist", 403, half.get("/api/v1/therapists/" + therapist));

		check("listAppointments", 200, client.get("/api/v1/appointments"));
		check("listAppointments", 401, anonymous.get("/api/v1/appointments"));
		check("listAppointments", 403, admin.get("/api/v1/appointments"));

		String booking = "{\"therapistId\":\"" + therapist + "\",\"start\":\"" + free.get(0).start()
				+ "\",\"modality\":\"VIDEO\"}";
		check("bookAppointment", 201, client.postJson("/api/v1/appointments", booking));
		check("bookAppointment", 409, client.postJson("/api/v1/appointments", booking));
		check("bookAppointment", 400, client.postJson("/api/v1/appointments", "{\"therapistId\":\"not-an-id\"}"));
		check("bookAppointment", 415, client.post("/api/v1/appointments", Map.of("therapistId", therapist)));
		check("bookAppointment", 401, anonymous.postJson("/api/v1/appointments", booking));
		check("bookAppointment", 403, withoutToken(client, "/api/v1/appointments", booking));

		String moveTo = "{\"start\":\"" + free.get(2).start() + "\"}";
		String reschedule = "/api/v1/appointments/" + booked + "/reschedule";
		check("rescheduleAppointment", 200, client.postJson(reschedule, moveTo));
		check("rescheduleAppointment", 409, client.postJson(reschedule, "{\"start\":\"" + free.get(0).start() + "\"}"));
		check("rescheduleAppointment", 400, client.postJson(reschedule, "{\"start\":\"tomorrow\"}"));
		check("rescheduleAppointment", 404, client.postJson("/api/v1/appointments/" + unknown + "/reschedule", moveTo));
		check("rescheduleAppointment", 415, client.post(reschedule, Map.of("start", free.get(2).start().toString())));
		check("rescheduleAppointment", 401, anonymous.postJson(reschedule, moveTo));
		check("rescheduleAppointment", 403, withoutToken(client, reschedule, moveTo));

		String cancel = "/api/v1/appointments/" + booked + "/cancel";
		check("cancelAppointment", 200, client.postJson(cancel, "{}"));
		check("cancelAppointment", 404, client.postJson("/api/v1/appointments/" + unknown + "/cancel", "{}"));
		check("cancelAppointment", 400, client.postJson("/api/v1/appointments/not-an-id/cancel", "{}"));
		check("cancelAppointment", 401, anonymous.postJson(cancel, "{}"));
		check("cancelAppointment", 403, withoutToken(client, cancel, "{}"));

		check("getIceServers", 200, client.get("/api/v1/visits/ice-servers"));
		check("getIceServers", 401, anonymous.get("/api/v1/visits/ice-servers"));
		check("getIceServers", 403, admin.get("/api/v1/visits/ice-servers"));

		therapist(chat).get("/home");
		recordsApi(chat, therapist(chat), client, admin, half, anonymous, unknown);

		String drafts = "/api/v1/messages/" + chat.conversation() + "/drafts";
		String draft = "{\"id\":\"" + UUID.randomUUID() + "\",\"subject\":\"A thought\",\"body\":\"Half of it\"}";
		check("saveLetterDraft", 200, client.postJson(drafts, draft));
		check("saveLetterDraft", 400, client.postJson(drafts, "{\"id\":"));
		check("saveLetterDraft", 404, client.postJson("/api/v1/messages/" + unknown + "/drafts", draft));
		check("saveLetterDraft", 415, client.post(drafts, Map.of("body", "Half of it")));
		check("saveLetterDraft", 401, anonymous.postJson(drafts, draft));
		check("saveLetterDraft", 403, withoutToken(client, drafts, draft));
		sessionNotes(chat, therapist(chat), client, half, anonymous, free.get(3), unknown);

		String export = "/api/v1/records/clients/" + chat.client().id() + "/export";
		check("exportRecord", 200, client.get(export));
		check("exportRecord", 404, admin.get(export));
		check("exportRecord", 401, anonymous.get(export));
		check("exportRecord", 403, half.get(export));

		checkPlans(chat, client, admin, half, anonymous, unknown);

		String submit = measures(chat, client, admin, half, anonymous, unknown);
		chat.practice().care().end(chat.therapist().id(), chat.conversation());
		check("saveLetterDraft", 409, client.postJson(drafts, draft));
		check("submitMeasure", 409, client.postJson(submit, answers(9)));

		assertThat(violations).as("answers that break the description").isEmpty();
		assertThat(exercised).as("documented answers never exercised").containsAll(documented());
	}

	/** The chart and the intake questionnaire, while the client is in care. */
	private void recordsApi(ChatFixture chat, WebSession therapist, WebSession client, WebSession admin,
			WebSession half, WebSession anonymous, String unknown) {
		admin.get("/home");
		String intake = "/api/v1/records/clients/" + chat.client().id() + "/intake";
		String elsewhere = "/api/v1/records/clients/" + unknown + "/intake";
		String complete = "{\"preferredName\":\"Robin\",\"dateOfBirth\":\"1990-04-21\",\"concerns\":\"Sleep\","
				+ "\"harmSelf\":\"no\",\"harmOthers\":\"no\",\"emergencyName\":\"Kim\",\"emergencyPhone\":\"555 0101\"}";
		check("getIntake", 200, client.get(intake));
		check("getIntake", 400, client.get("/api/v1/records/clients/not-an-id/intake"));
		check("getIntake", 404, client.get(elsewhere));
		check("getIntake", 401, anonymous.get(intake));
		check("getIntake", 403, half.get(intake));

		check("saveIntake", 200, client.postJson(intake, "{\"version\":0,\"answers\":{\"concerns\":\"Sleep\"}}"));
		check("saveIntake", 409, client.postJson(intake, "{\"version\":0,\"answers\":{}}"));
		check("saveIntake", 400, client.postJson(intake, "{\"version\":1,\"answers\":{\"harmSelf\":\"maybe\"}}"));
		check("saveIntake", 404, admin.postJson(intake, "{\"version\":1,\"answers\":{}}"));
		check("saveIntake", 415, client.post(intake, Map.of("version", "1")));
		check("saveIntake", 401, anonymous.postJson(intake, "{}"));
		check("saveIntake", 403, withoutToken(client, intake, "{}"));

		String submit = intake + "/submit";
		check("submitIntake", 400, client.postJson(submit, "{\"version\":1,\"answers\":{}}"));
		check("submitIntake", 404, admin.postJson(submit, "{\"version\":1,\"answers\":" + complete + "}"));
		check("submitIntake", 415, client.post(submit, Map.of("version", "1")));
		check("submitIntake", 401, anonymous.postJson(submit, "{}"));
		check("submitIntake", 403, withoutToken(client, submit, "{}"));
		check("submitIntake", 409, client.postJson(submit, "{\"version\":0,\"answers\":" + complete + "}"));
		check("submitIntake", 200, client.postJson(submit, "{\"version\":1,\"answers\":" + complete + "}"));

		String review = intake + "/review";
		check("reviewIntake", 200, therapist.postJson(review, "{}"));
		check("reviewIntake", 409, therapist.postJson(review, "{}"));
		check("reviewIntake", 400, therapist.postJson("/api/v1/records/clients/not-an-id/intake/review", "{}"));
		check("reviewIntake", 404, admin.postJson(review, "{}"));
		check("reviewIntake", 401, anonymous.postJson(review, "{}"));
		check("reviewIntake", 403, withoutToken(therapist, review, "{}"));

		String timeline = "/api/v1/records/clients/" + chat.client().id() + "/timeline";
		check("getChart", 200, therapist.get(timeline));
		check("getChart", 400, therapist.get("/api/v1/records/clients/not-an-id/timeline"));
		check("getChart", 404, admin.get(timeline));
		check("getChart", 401, anonymous.get(timeline));
		check("getChart", 403, half.get(timeline));
	}

	private void sessionNotes(ChatFixture chat, WebSession therapist, WebSession client, WebSession half,
			WebSession anonymous, FreeSlot slot, String unknown) {
		UUID appointment = chat.practice().book(chat.client(), slot, "VIDEO");
		String note = "/api/v1/records/notes/" + TestNotes.in(context).draftAfterVisit(appointment, 3000);
		String missing = "/api/v1/records/notes/" + unknown;

		check("getSessionNote", 200, therapist.get(note));
		check("getSessionNote", 404, client.get(note));
		check("getSessionNote", 401, anonymous.get(note));
		check("getSessionNote", 403, half.get(note));

		String draft = "{\"version\":0,\"sections\":{\"subjective\":\"Slept better\"}}";
		check("saveSessionNoteDraft", 200, therapist.postJson(note + "/draft", draft));
		check("saveSessionNoteDraft", 409, therapist.postJson(note + "/draft", draft));
		check("saveSessionNoteDraft", 400, therapist.postJson(note + "/draft", "{\"version\":"));
		check("saveSessionNoteDraft", 404, therapist.postJson(missing + "/draft", draft));
		check("saveSessionNoteDraft", 415, therapist.post(note + "/draft", Map.of("version", "1")));
		check("saveSessionNoteDraft", 401, anonymous.postJson(note + "/draft", draft));
		check("saveSessionNoteDraft", 403, withoutToken(therapist, note + "/draft", draft));

		String addendum = "{\"text\":\"Called afterwards\"}";
		check("addSessionNoteAddendum", 409, therapist.postJson(note + "/addenda", addendum));

		check("signSessionNote", 400, therapist.postJson(note + "/sign", "{\"version\":"));
		check("signSessionNote", 404, therapist.postJson(missing + "/sign", "{\"version\":1}"));
		check("signSessionNote", 415, therapist.post(note + "/sign", Map.of("version", "1")));
		check("signSessionNote", 401, anonymous.postJson(note + "/sign", "{\"version\":1}"));
		check("signSessionNote", 403, withoutToken(therapist, note + "/sign", "{\"version\":1}"));
		check("signSessionNote", 200, therapist.postJson(note + "/sign", "{\"version\":1}"));
		check("signSessionNote", 409, therapist.postJson(note + "/sign", "{\"version\":2}"));

		check("addSessionNoteAddendum", 201, therapist.postJson(note + "/addenda", addendum));
		check("addSessionNoteAddendum", 400, therapist.postJson(note + "/addenda", "{\"text\":\"\"}"));
		check("addSessionNoteAddendum", 404, therapist.postJson(missing + "/addenda", addendum));
		check("addSessionNoteAddendum", 415, therapist.post(note + "/addenda", Map.of("text", "More")));
		check("addSessionNoteAddendum", 401, anonymous.postJson(note + "/addenda", addendum));
		check("addSessionNoteAddendum", 403, withoutToken(therapist, note + "/addenda", addendum));

		check("listUndocumentedSessions", 200, therapist.get("/api/v1/records/notes/status"));
		check("listUndocumentedSessions", 401, anonymous.get("/api/v1/records/notes/status"));
		check("listUndocumentedSessions", 403, client.get("/api/v1/records/notes/status"));

		therapist.get(note.replace("/api/v1", ""));
		String kept = therapist.post(note.replace("/api/v1", "") + "/psychotherapy", Map.of("psychotherapy", "Mine"))
			.location();
		String psychotherapy = "/api/v1/records/psychotherapy-notes/" + kept.substring(kept.lastIndexOf('/') + 1);
		check("getPsychotherapyNote", 200, therapist.get(psychotherapy));
		check("getPsychotherapyNote", 404, client.get(psychotherapy));
		check("getPsychotherapyNote", 401, anonymous.get(psychotherapy));
		check("getPsychotherapyNote", 403, half.get(psychotherapy));
	}

	/** The treatment plan and safety plan of the chat's client, written by both. */
	private void checkPlans(ChatFixture chat, WebSession client, WebSession admin, WebSession half,
			WebSession anonymous, String unknown) {
		WebSession therapist = therapist(chat);
		therapist.get("/home");
		String plans = "/api/v1/records/plans/" + chat.client().id();
		String plan = "{\"version\":0,\"targetDate\":\"2099-01-01\",\"reviewDate\":\"2099-01-01\","
				+ "\"problems\":[{\"text\":\"Panic on the bus\"}]}";
		check("getTreatmentPlan", 404, client.get(plans));
		check("saveTreatmentPlan", 200, therapist.postJson(plans, plan));
		check("saveTreatmentPlan", 409, therapist.postJson(plans, plan));
		check("saveTreatmentPlan", 400, therapist.postJson(plans, "{\"version\":1,\"problems\":[]}"));
		check("saveTreatmentPlan", 404, client.postJson(plans, plan));
		check("saveTreatmentPlan", 415, therapist.post(plans, Map.of("version", "1")));
		check("saveTreatmentPlan", 401, anonymous.postJson(plans, plan));
		check("saveTreatmentPlan", 403, withoutToken(therapist, plans, plan));

		check("getTreatmentPlan", 200, client.get(plans));
		check("getTreatmentPlan", 400, client.get("/api/v1/records/plans/not-an-id"));
		check("getTreatmentPlan", 401, anonymous.get(plans));
		check("getTreatmentPlan", 403, half.get(plans));

		String acknowledgement = plans + "/acknowledgement";
		check("acknowledgeTreatmentPlan", 409, client.postJson(acknowledgement, "{\"version\":7}"));
		check("acknowledgeTreatmentPlan", 400, client.postJson(acknowledgement, "{}"));
		check("acknowledgeTreatmentPlan", 200, client.postJson(acknowledgement, "{\"version\":1}"));
		check("acknowledgeTreatmentPlan", 404, therapist.postJson(acknowledgement, "{\"version\":1}"));
		check("acknowledgeTreatmentPlan", 415, client.post(acknowledgement, Map.of("version", "1")));
		check("acknowledgeTreatmentPlan", 401, anonymous.postJson(acknowledgement, "{\"version\":1}"));
		check("acknowledgeTreatmentPlan", 403, withoutToken(client, acknowledgement, "{\"version\":1}"));

		String review = plans + "/review";
		String next = "{\"nextReviewDate\":\"2099-06-01\"}";
		check("reviewTreatmentPlan", 200, therapist.postJson(review, next));
		check("reviewTreatmentPlan", 400, therapist.postJson(review, "{\"nextReviewDate\":\"soon\"}"));
		check("reviewTreatmentPlan", 404, client.postJson(review, next));
		check("reviewTreatmentPlan", 415, therapist.post(review, Map.of("nextReviewDate", "2099-06-01")));
		check("reviewTreatmentPlan", 401, anonymous.postJson(review, next));
		check("reviewTreatmentPlan", 403, withoutToken(therapist, review, next));

		String safety = "/api/v1/records/safety-plan/" + chat.client().id();
		String items = "{\"version\":0,\"sections\":{\"warningSigns\":[\"Pacing\"],\"reasons\":[\"My dog\"]}}";
		check("getSafetyPlan", 200, client.get(safety));
		check("getSafetyPlan", 400, client.get("/api/v1/records/safety-plan/not-an-id"));
		check("getSafetyPlan", 404, admin.get("/api/v1/records/safety-plan/" + unknown));
		check("getSafetyPlan", 401, anonymous.get(safety));
		check("getSafetyPlan", 403, half.get(safety));
		check("saveSafetyPlan", 200, client.postJson(safety, items));
		check("saveSafetyPlan", 409, therapist.postJson(safety, items));
		check("saveSafetyPlan", 400, client.postJson(safety, "{\"version\":1,\"sections\":{\"nope\":[]}}"));
		check("saveSafetyPlan", 404, admin.postJson(safety, items));
		check("saveSafetyPlan", 415, client.post(safety, Map.of("version", "1")));
		check("saveSafetyPlan", 401, anonymous.postJson(safety, items));
		check("saveSafetyPlan", 403, withoutToken(client, safety, items));
	}

	/**
	 * The outcome measures' operations, but for the 409 of a questionnaire whose care
	 * ended; the path that answers it.
	 */
	private String measures(ChatFixture chat, WebSession client, WebSession admin, WebSession half,
			WebSession anonymous, String unknown) {
		WebSession therapist = therapist(chat);
		therapist.get("/home");
		String clientId = chat.client().id().toString();
		String assign = "/api/v1/records/measures/clients/" + clientId + "/assignments";
		String once = "{\"instrument\":\"PHQ9\",\"schedule\":\"ONCE\"}";
		check("assignMeasure", 201, therapist.postJson(assign, once));
		check("assignMeasure", 400, therapist.postJson(assign, "{\"instrument\":\"BDI\",\"schedule\":\"ONCE\"}"));
		check("assignMeasure", 404,
				therapist.postJson("/api/v1/records/measures/clients/" + unknown + "/assignments", once));
		check("assignMeasure", 415, therapist.post(assign, Map.of("instrument", "PHQ9")));
		check("assignMeasure", 401, anonymous.postJson(assign, once));
		check("assignMeasure", 403, withoutToken(therapist, assign, once));

		Response due = client.get("/api/v1/records/measures/due");
		check("listDueMeasures", 200, due);
		check("listDueMeasures", 401, anonymous.get("/api/v1/records/measures/due"));
		check("listDueMeasures", 403, half.get("/api/v1/records/measures/due"));

		String submit = "/api/v1/records/measures/assignments/"
				+ JSON.readTree(due.body()).path(0).path("assignmentId").asString() + "/responses";
		check("submitMeasure", 200, client.postJson(submit, answers(9)));
		check("submitMeasure", 400, client.postJson(submit, answers(2)));
		check("submitMeasure", 404,
				client.postJson("/api/v1/records/measures/assignments/" + unknown + "/responses", answers(9)));
		check("submitMeasure", 415, client.post(submit, Map.of("item1", "0")));
		check("submitMeasure", 401, anonymous.postJson(submit, answers(9)));
		check("submitMeasure", 403, withoutToken(client, submit, answers(9)));

		String results = "/api/v1/records/measures/clients/" + clientId + "/results";
		check("listMeasureResults", 200, therapist.get(results));
		check("listMeasureResults", 400, therapist.get("/api/v1/records/measures/clients/not-an-id/results"));
		check("listMeasureResults", 404, admin.get(results));
		check("listMeasureResults", 401, anonymous.get(results));
		check("listMeasureResults", 403, half.get(results));
		return submit;
	}

	/**
	 * A questionnaire's answers with a fresh submission key: {@code items} answers of 1.
	 */
	private static String answers(int items) {
		return "{\"submissionKey\":\"" + UUID.randomUUID() + "\",\"answers\":[" + "1,".repeat(items - 1) + "0]}";
	}

	private WebSession therapist(ChatFixture chat) {
		if (therapistSession == null) {
			therapistSession = ChatFixture.signIn(browser(), chat.therapist());
		}
		return therapistSession;
	}

	/**
	 * Checks one real answer against the operation's documented response for its status.
	 */
	private void check(String operationId, int expectedStatus, Response response) {
		String label = operationId + " " + expectedStatus;
		if (response.status() != expectedStatus) {
			violations.add(label + ": answered " + response.status() + " " + response.body());
			return;
		}
		JsonNode operation = operation(operationId);
		if (operation == null) {
			violations.add(label + ": no operation with this id is documented");
			return;
		}
		JsonNode documented = operation.path("responses").path(String.valueOf(expectedStatus));
		if (documented.isMissingNode()) {
			violations.add(label + ": status not documented");
			return;
		}
		exercised.add(label);
		JsonNode content = documented.path("content");
		if (content.isMissingNode() || content.isEmpty()) {
			if (!response.body().isEmpty()) {
				violations.add(label + ": a body where none is documented");
			}
			return;
		}
		String mediaType = content.propertyNames().iterator().next();
		String contentType = response.header("Content-Type");
		if (contentType == null || !contentType.startsWith(mediaType)) {
			violations.add(label + ": Content-Type " + contentType + ", documented " + mediaType);
		}
		List<Error> errors = validator(content.path(mediaType).path("schema")).validate(response.body(),
				InputFormat.JSON);
		if (!errors.isEmpty()) {
			violations.add(label + ": " + errors + " in " + response.body());
		}
	}

	/**
	 * The response schema with the description's components beside it, so that its $refs
	 * resolve.
	 */
	private Schema validator(JsonNode schema) {
		ObjectNode root = JSON.createObjectNode();
		root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		root.set("components", description.path("components"));
		root.set("$defs", JSON.createObjectNode().set("answer", schema));
		root.put("$ref", "#/$defs/answer");
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(root.toString(), InputFormat.JSON);
	}

	private JsonNode operation(String operationId) {
		for (JsonNode path : description.path("paths")) {
			for (JsonNode operation : path) {
				if (operationId.equals(operation.path("operationId").asString(null))) {
					return operation;
				}
			}
		}
		return null;
	}

	private Set<String> documented() {
		Set<String> all = new TreeSet<>();
		for (JsonNode path : description.path("paths")) {
			for (JsonNode operation : path) {
				operation.path("responses")
					.propertyNames()
					.forEach(status -> all.add(operation.path("operationId").asString() + " " + status));
			}
		}
		return all;
	}

	/**
	 * The signed-in session's cookie without the page's CSRF token, as a page on another
	 * site would post.
	 */
	private Response withoutToken(WebSession session, String path, String json) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Cookie", session.cookieHeader())
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}

package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.NoteTemplate;
import org.haven.records.internal.Signatures;
import org.haven.records.internal.TimelineEntry;
import org.haven.records.internal.TimelineSource;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Session notes end to end: the draft a visit's end opens (once), its prefill, autosave
 * with optimistic concurrency, signing and its SHA-256, a signed note that nothing
 * changes (page, API, SQL), addenda, psychotherapy notes kept from the client, who reads
 * what, the audit of every read, ciphertext at rest and the documentation status.
 */
class SessionNotesIntegrationTests extends IntegrationTest {

	private static final String LOCATION = "12 Quiet Lane, Albany";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	record Session(TestPractice practice, TestAccount client, UUID appointment, FreeSlot slot) {
		TestAccount therapist() {
			return practice.therapist();
		}
	}

	/**
	 * A client in care with a booked video session, checked in for it, and the clock
	 * after its end.
	 */
	private Session pastSession(String name) {
		TestPractice practice = TestPractice.open(context, uniqueEmail(name + "-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail(name + "-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1)));
		UUID appointment = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start()).minusMinutes(5));
		WebSession browser = signedIn(client);
		browser.get("/visits/" + appointment);
		assertThat(browser
			.post("/visits/" + appointment + "/check-in",
					Map.of("location", LOCATION, "jurisdiction", "US-NY", "phone", "+1 555 010 0100"))
			.status()).isEqualTo(302);
		clock.advance(Duration.between(clock.instant(), slot.end()).plusMinutes(1));
		return new Session(practice, client, appointment, slot);
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

	@Test
	void aVisitsEndOpensOneDraftPrefilledWithTheSession() {
		Session s = pastSession("draft");
		TestNotes notes = TestNotes.in(context);
		UUID note = notes.draftAfterVisit(s.appointment(), 47 * 60);
		notes.draftAfterVisit(s.appointment(), 47 * 60);

		assertThat(jdbc.sql("select count(*) from records_note where appointment_id = ?")
			.param(s.appointment())
			.query(Long.class)
			.single()).isOne();
		WebSession therapist = signedIn(s.therapist());
		String page = therapist.get("/records/notes/" + note).body();
		assertThat(page).contains(LOCATION).contains("Video session").contains("47 minutes").contains("Subjective");
		// Stored encrypted: neither the location nor the text is readable in the row.
		therapist.get("/records/notes/" + note);
		therapist.post("/records/notes/" + note, Map.of("version", "0", "subjective", "Slept badly all week"));
		assertThat(jdbc.sql("select location || sections from records_note where id = ?")
			.param(note)
			.query(String.class)
			.single()).doesNotContain("Quiet Lane").doesNotContain("Slept badly");
	}

	@Test
	void autosaveMovesTheVersionAndAStaleSaveIsRefusedWithNothingOverwritten() {
		Session s = pastSession("autosave");
		UUID note = TestNotes.in(context).draftAfterVisit(s.appointment(), 3000);
		WebSession therapist = signedIn(s.therapist());
		therapist.get("/records/notes/" + note);
		String api = "/api/v1/records/notes/" + note + "/draft";

		Response first = therapist.postJson(api, "{\"version\":0,\"sections\":{\"subjective\":\"First words\"}}");
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.body()).contains("\"version\":1");
		Response stale = therapist.postJson(api, "{\"version\":0,\"sections\":{\"subjective\":\"Older tab\"}}");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.body()).contains("saved elsewhere");
		Response stalePage = therapist.post("/records/notes/" + note,
				Map.of("version", "0", "subjective", "From the page"));
		assertThat(stalePage.status()).isEqualTo(409);
		assertThat(stalePage.body()).contains("saved elsewhere").contains("From the page");

		assertThat(therapist.get("/api/v1/records/notes/" + note).body()).contains("First words")
			.doesNotContain("Older tab")
			.doesNotContain("From the page");
	}

	@Test
	void signingLocksTheNoteWithARecomputableHashAndNothingChangesItAfterwards() {
		Session s = pastSession("sign");
		UUID note = TestNotes.in(context).draftAfterVisit(s.appointment(), 3000);
		WebSession therapist = signedIn(s.therapist());
		therapist.get("/records/notes/" + note);
		Response signed = therapist.post("/records/notes/" + note + "/sign", Map.of("version", "0", "subjective",
				"Low mood", "objective", "Tearful", "assessment", "Moderate", "plan", "Weekly sessions"));
		assertThat(signed.location()).endsWith("/records/notes/" + note + "?signed");

		String expected = Signatures.sha256(Signatures.canonical(NoteTemplate.SOAP, Map.of("subjective", "Low mood",
				"objective", "Tearful", "assessment", "Moderate", "plan", "Weekly sessions")));
		assertThat(expected)
			.isEqualTo(Signatures.sha256("Subjective\nLow mood\n\nObjective\nTearful\n\nAssessment\nModerate\n\nPlan\n"
					+ "Weekly sessions\n\n"));
		assertThat(jdbc.sql("select signed_sha256 from records_note where id = ?")
			.param(note)
			.query(String.class)
			.single()).isEqualTo(expected);
		assertThat(therapist.get("/records/notes/" + note).body()).contains(expected).contains("Signed by");

		String before = row(note);
		Response page = therapist.post("/records/notes/" + note, Map.of("version", "2", "subjective", "Changed"));
		assertThat(page.status()).isEqualTo(409);
		assertThat(page.body()).contains("signed and can no longer be changed");
		assertThat(therapist
			.postJson("/api/v1/records/notes/" + note + "/draft",
					"{\"version\":2,\"sections\":{\"subjective\":\"Changed\"}}")
			.status()).isEqualTo(409);
		assertThat(therapist.postJson("/api/v1/records/notes/" + note + "/sign", "{\"version\":2}").status())
			.isEqualTo(409);
		assertThatThrownBy(() -> jdbc.sql("update records_note set sections = 'x' where id = ?").param(note).update())
			.hasMessageContaining("a signed note cannot be changed");
		assertThatThrownBy(() -> jdbc.sql("delete from records_note where id = ?").param(note).update())
			.hasMessageContaining("a signed note cannot be changed");
		assertThat(row(note)).isEqualTo(before);
	}

	@Test
	void anAddendumIsStoredWithItsOwnSignatureAndNeverChanges() {
		Session s = pastSession("addendum");
		UUID note = TestNotes.in(context).draftAfterVisit(s.appointment(), 3000);
		WebSession therapist = signedIn(s.therapist());
		assertThat(
				therapist.postJson("/api/v1/records/notes/" + note + "/addenda", "{\"text\":\"Too early\"}").status())
			.isEqualTo(409);
		therapist.get("/records/notes/" + note);
		therapist.post("/records/notes/" + note + "/sign", Map.of("version", "0", "subjective", "Seen"));
		Response added = therapist.postJson("/api/v1/records/notes/" + note + "/addenda",
				"{\"text\":\"Phoned the GP afterwards\"}");
		assertThat(added.status()).isEqualTo(201);

		String sha = Signatures.sha256("Phoned the GP afterwards");
		assertThat(added.body()).contains(sha);
		assertThat(jdbc.sql("select text from records_note_addendum where note_id = ?")
			.param(note)
			.query(String.class)
			.single()).doesNotContain("Phoned");
		assertThat(therapist.get("/records/notes/" + note).body()).contains("Phoned the GP afterwards").contains(sha);
		assertThatThrownBy(
				() -> jdbc.sql("update records_note_addendum set text = 'x' where note_id = ?").param(note).update())
			.hasMessageContaining("an addendum cannot be changed");
		// The client reads the signed note and its addendum.
		assertThat(signedIn(s.client()).get("/records/notes/" + note).body()).contains("Phoned the GP afterwards");
	}

	@Test
	void whoReadsWhatAndEveryReadIsAudited() {
		Session s = pastSession("matrix");
		UUID note = TestNotes.in(context).draftAfterVisit(s.appointment(), 3000);
		TestAccounts accounts = s.practice().accounts();
		WebSession therapist = signedIn(s.therapist());
		WebSession client = signedIn(s.client());
		WebSession otherTherapist = signedIn(accounts.therapist(uniqueEmail("matrix-other")));
		WebSession otherClient = signedIn(accounts.client(uniqueEmail("matrix-stranger")));
		WebSession admin = signedIn(accounts.admin(uniqueEmail("matrix-admin")));

		// A draft: its author only.
		assertThat(therapist.get("/records/notes/" + note).status()).isEqualTo(200);
		for (WebSession nobody : new WebSession[] { client, otherTherapist, otherClient, admin }) {
			assertThat(nobody.get("/records/notes/" + note).status()).isEqualTo(404);
			assertThat(nobody.get("/api/v1/records/notes/" + note).status()).isEqualTo(404);
		}
		long reads = audited(note);
		therapist.get("/api/v1/records/notes/" + note);
		assertThat(audited(note)).isEqualTo(reads + 1);

		therapist.get("/records/notes/" + note);
		therapist.post("/records/notes/" + note + "/sign", Map.of("version", "0", "subjective", "Seen"));
		// Signed: the client too; never another therapist, a stranger or an admin without
		// break-glass.
		assertThat(client.get("/records/notes/" + note).status()).isEqualTo(200);
		assertThat(client.get("/api/v1/records/notes/" + note).status()).isEqualTo(200);
		assertThat(audited(note)).isEqualTo(reads + 4);
		for (WebSession nobody : new WebSession[] { otherTherapist, otherClient, admin }) {
			assertThat(nobody.get("/records/notes/" + note).status()).isEqualTo(404);
			nobody.get("/home");
			assertThat(nobody.postJson("/api/v1/records/notes/" + note + "/addenda", "{\"text\":\"x\"}").status())
				.isEqualTo(404);
		}
		// The client reads, and cannot write.
		client.get("/home");
		assertThat(client.postJson("/api/v1/records/notes/" + note + "/addenda", "{\"text\":\"x\"}").status())
			.isEqualTo(404);
		assertThat(audited(note)).isEqualTo(reads + 4);
	}

	@Test
	void psychotherapyNotesAreTheTherapistsAloneAndOutOfTheClientsTimeline() {
		Session s = pastSession("psychotherapy");
		UUID note = TestNotes.in(context).draftAfterVisit(s.appointment(), 3000);
		WebSession therapist = signedIn(s.therapist());
		therapist.get("/records/notes/" + note);
		Response kept = therapist.post("/records/notes/" + note + "/psychotherapy",
				Map.of("psychotherapy", "Countertransference: impatience"));
		assertThat(kept.status()).isEqualTo(302);
		String path = kept.location().substring(kept.location().indexOf("/records/"));
		UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
		assertThat(therapist.get(path).body()).contains("Countertransference: impatience");
		assertThat(jdbc.sql("select text from records_psychotherapy_note where id = ?")
			.param(id)
			.query(String.class)
			.single()).doesNotContain("impatience");

		WebSession client = signedIn(s.client());
		assertThat(client.get(path).status()).isEqualTo(404);
		assertThat(client.get("/api/v1/records/psychotherapy-notes/" + id).status()).isEqualTo(404);
		assertThat(therapist.get("/api/v1/records/psychotherapy-notes/" + id).status()).isEqualTo(200);

		assertThat(timeline(s.therapist().id(), s.client().id(), false)).contains("Psychotherapy note", "Draft note");
		assertThat(timeline(s.client().id(), s.client().id(), true)).isEmpty();
		therapist.get("/records/notes/" + note);
		therapist.post("/records/notes/" + note + "/sign", Map.of("version", "0", "plan", "Review in a week"));
		assertThat(timeline(s.client().id(), s.client().id(), true)).containsExactly("Progress note signed");
	}

	@Test
	void theDocumentationStatusListsPastSessionsWithoutASignedNoteOldestFirst() {
		Session s = pastSession("status");
		WebSession therapist = signedIn(s.therapist());
		String status = therapist.get("/records/notes/status").body();
		assertThat(status).contains("Start a note").contains("/records/notes/new/" + s.appointment());
		assertThat(therapist.get("/home").body()).contains("Sessions without a signed note")
			.contains("/records/notes/new/" + s.appointment());

		therapist.get("/records/notes/new/" + s.appointment());
		Response started = therapist.post("/records/notes/new/" + s.appointment(), Map.of("template", "BIRP"));
		assertThat(started.location()).contains("/records/notes/");
		String notePath = started.location().substring(started.location().indexOf("/records/"));
		assertThat(therapist.get("/records/notes/status").body()).contains("Continue the draft");
		assertThat(therapist.get(notePath).body()).contains("Intervention").contains(LOCATION);

		therapist.post(notePath + "/sign", Map.of("version", "0", "behavior", "Calm"));
		assertThat(therapist.get("/records/notes/status").body()).contains("every past session has a signed note");
		assertThat(signedIn(s.client()).get("/records/notes/status").status()).isEqualTo(403);
	}

	/** The note lines of the client's timeline, as this reader sees them. */
	private List<String> timeline(UUID readerId, UUID clientId, boolean asClient) {
		ChartAccess.Reader reader = new ChartAccess.Reader(readerId, clientId,
				asClient ? ChartAccess.Kind.CLIENT : ChartAccess.Kind.THERAPIST, null);
		return context.getBeansOfType(TimelineSource.class)
			.values()
			.stream()
			.flatMap(source -> source.entries(reader).stream())
			.filter(entry -> entry.kind().equals("note"))
			.map(TimelineEntry::title)
			.toList();
	}

	private String row(UUID note) {
		return jdbc.sql("select sections || version || signed_sha256 || signed_at from records_note where id = ?")
			.param(note)
			.query(String.class)
			.single();
	}

	private long audited(UUID note) {
		return jdbc.sql("select count(*) from audit_entry where action = 'NOTE_READ' and subject = ?")
			.param("note:" + note)
			.query(Long.class)
			.single();
	}

}

package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.messaging.ChatFixture;
import org.haven.records.internal.ChartAccess.Kind;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.records.internal.TimelineEntry;
import org.haven.records.internal.TimelineSource;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Who reads and writes a client's measures (everyone without a right gets 404), every
 * read audited, answers and totals stored as ciphertext, the progress chart shared with
 * the client only when the therapist says so, and the chart timeline's entries.
 */
class MeasuresAccessIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	List<TimelineSource> timeline;

	MeasuresFixture fixture;

	String response;

	@BeforeEach
	void setUp() {
		fixture = MeasuresFixture.create(context, uniqueEmail("access-therapist"), uniqueEmail("access-client"),
				browser(), browser());
		UUID assignment = fixture.assign("PHQ9", "ONCE", "");
		// 2+2+2+2+2+2+1+1+0 = 14, moderate.
		Response sent = fixture.send(assignment, fixture.openForm(assignment), List.of(2, 2, 2, 2, 2, 2, 1, 1, 0));
		response = MeasuresFixture.path(sent);
	}

	@Test
	void nobodyButTheTreatingTherapistAndTheClientReachesTheMeasures() {
		TestAccounts accounts = TestAccounts.in(context);
		String client = fixture.client().id().toString();
		WebSession otherTherapist = ChatFixture.signIn(browser(), accounts.therapist(uniqueEmail("other-therapist")));
		WebSession otherClient = ChatFixture.signIn(browser(), accounts.client(uniqueEmail("other-client")));
		WebSession admin = ChatFixture.signIn(browser(), accounts.admin(uniqueEmail("no-glass-admin")));
		for (WebSession stranger : List.of(otherTherapist, otherClient, admin)) {
			stranger.get("/home");
			assertThat(stranger.get(fixture.clientPage()).status()).isEqualTo(404);
			assertThat(stranger.get(response).status()).isEqualTo(404);
			assertThat(stranger.get(fixture.clientPage() + "/administer?instrument=PHQ9").status()).isEqualTo(404);
			assertThat(stranger.post(fixture.clientPage() + "/assignments", Map.of("instrument", "PHQ9")).status())
				.isEqualTo(404);
			assertThat(stranger.post(fixture.clientPage() + "/share", Map.of("shared", "true")).status())
				.isEqualTo(404);
			assertThat(stranger.get("/api/v1/records/measures/clients/" + client + "/results").status()).isEqualTo(404);
		}
		// The client reads their own page, but not their answers in full, and writes
		// nothing.
		assertThat(fixture.clientWeb().get(fixture.clientPage()).status()).isEqualTo(200);
		assertThat(fixture.clientWeb().post(fixture.clientPage() + "/share", Map.of("shared", "true")).status())
			.isEqualTo(404);
		assertThat(fixture.therapistWeb().get(response).status()).isEqualTo(200);
		assertThat(
				otherTherapist.post("/records/measures/flags/" + UUID.randomUUID() + "/acknowledge", Map.of()).status())
			.isEqualTo(404);
	}

	@Test
	void everyReadIsAudited() {
		String subject = "measures:" + fixture.client().id();
		long before = fixture.count("select count(*) from audit_entry where action = 'MEASURES_READ' and subject = ?",
				subject);
		fixture.therapistWeb().get(fixture.clientPage());
		fixture.therapistWeb().get("/api/v1/records/measures/clients/" + fixture.client().id() + "/results");
		assertThat(fixture.count("select count(*) from audit_entry where action = 'MEASURES_READ' and subject = ?",
				subject))
			.isEqualTo(before + 2);
		fixture.therapistWeb().get(response);
		assertThat(fixture.count(
				"select count(*) from audit_entry where action = 'MEASURE_RESPONSE_READ' and actor = ? and subject like 'measure-response:%'",
				"account:" + fixture.therapist().id()))
			.isOne();
	}

	@Test
	void answersAndTotalsAreStoredAsCiphertext() {
		Map<String, Object> row = fixture.jdbc()
			.sql("select answers, total from records_measure_response where client_id = :c")
			.param("c", fixture.client().id())
			.query()
			.singleRow();
		assertThat((String) row.get("answers")).startsWith("v1.").doesNotContain("2,2,2");
		assertThat((String) row.get("total")).startsWith("v1.").isNotEqualTo("14");
	}

	@Test
	void theClientSeesTheirProgressChartOnlyWhileTheTherapistSharesIt() {
		assertThat(fixture.clientWeb().get(fixture.clientPage()).body()).contains("has not shared")
			.doesNotContain("class=\"chart-svg\"");
		assertThat(fixture.clientWeb()
			.get("/api/v1/records/measures/clients/" + fixture.client().id() + "/results")
			.body()).isEqualTo("[]");
		Response therapistView = fixture.therapistWeb().get(fixture.clientPage());
		assertThat(therapistView.body()).contains("<svg")
			.contains("role=\"img\"")
			.contains("<desc")
			.contains("<td>14</td>");
		assertThat(MeasuresFixture
			.path(fixture.therapistWeb().post(fixture.clientPage() + "/share", Map.of("shared", "true"))))
			.endsWith("?shared");
		assertThat(fixture.clientWeb().get(fixture.clientPage()).body()).contains("<svg").contains("moderate");
		assertThat(fixture.count("select count(*) from audit_entry where action = 'PROGRESS_SHARED' and subject = ?",
				"measures:" + fixture.client().id()))
			.isOne();
		fixture.therapistWeb().get(fixture.clientPage());
		fixture.therapistWeb().post(fixture.clientPage() + "/share", Map.of("shared", "false"));
		assertThat(fixture.clientWeb().get(fixture.clientPage()).body()).contains("has not shared");
	}

	@Test
	void theTimelineShowsTheScoreToTheTherapistAndOnlyTheCompletionToAClientNotSharedWith() {
		Reader therapist = new Reader(fixture.therapist().id(), fixture.client().id(), Kind.THERAPIST, null);
		Reader client = new Reader(fixture.client().id(), fixture.client().id(), Kind.CLIENT, null);
		assertThat(entries(therapist)).extracting(TimelineEntry::title).contains("PHQ-9 completed: 14, moderate");
		assertThat(entries(client)).extracting(TimelineEntry::title).contains("PHQ-9 completed");
		assertThat(entries(client)).extracting(TimelineEntry::title).noneMatch(title -> title.contains("14"));
	}

	private List<TimelineEntry> entries(Reader reader) {
		return timeline.stream()
			.flatMap(source -> source.entries(reader).stream())
			.filter(entry -> entry.kind().equals("measure"))
			.toList();
	}

}

package org.haven.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.messaging.TestMessages;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chart: a client's sessions (booked, held, cancelled) and letters (by subject only)
 * newest first, for the therapist from the care page and for the client from their home;
 * reading it is audited; everyone else, an admin included, gets "not found" until
 * break-glass opens it, and the reason then shows on the therapist's chart.
 */
class ChartIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	TestAccount client;

	String chart;

	UUID conversation;

	@BeforeEach
	void setUp() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("timeline-therapist"),
				uniqueEmail("timeline-client"));
		practice = chat.practice();
		client = chat.client();
		conversation = chat.conversation();
		chart = "/records/clients/" + client.id();
	}

	@Test
	void theTimelineShowsSessionsNewestFirstAndEveryReadIsAudited() {
		List<FreeSlot> slots = practice.freeSlotsAfter(clock.instant(), 3);
		UUID held = practice.book(client, slots.get(0), "VIDEO");
		UUID cancelled = practice.book(client, slots.get(1), "AUDIO");
		practice.cancel(client.id(), cancelled);
		UUID booked = practice.book(client, slots.get(2), "VIDEO");
		TestMessages.in(context)
			.startLetter(client.id(), conversation, "About the Monday session", "Private letter words");
		clock.advance(Duration.between(clock.instant(), slots.get(0).end().plusSeconds(60)));

		TestAccount therapist = practice.therapist();
		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(therapist.email(), therapist.password(), therapist.code());
		String care = therapistBrowser.get("/care").body();
		assertThat(care).contains("href=\"" + chart + "\"");

		Response page = therapistBrowser.get(chart);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Record · Haven</title>");
		String body = page.body();
		int bookedAt = body.indexOf("/appointments/" + booked);
		int cancelledAt = body.indexOf("/appointments/" + cancelled);
		int heldAt = body.indexOf("/appointments/" + held);
		assertThat(bookedAt).isPositive().isLessThan(cancelledAt);
		assertThat(cancelledAt).isLessThan(heldAt);
		assertThat(body).contains("Session booked (video")
			.contains("Session cancelled (audio")
			.contains("Session held");
		assertThat(body).contains("Letter: About the Monday session")
			.contains("/messages/" + conversation + "/letters/")
			.doesNotContain("Private letter words");
		assertThat(reads("account:" + therapist.id())).isEqualTo(1);

		Response api = therapistBrowser.get("/api/v1/records/clients/" + client.id() + "/timeline");
		assertThat(api.status()).isEqualTo(200);
		assertThat(api.body()).contains("\"kind\":\"session\"").contains(booked.toString());
		assertThat(reads("account:" + therapist.id())).isEqualTo(2);

		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		assertThat(clientBrowser.get("/home").body()).contains("href=\"" + chart + "\"");
		assertThat(clientBrowser.get(chart).body()).contains("Your record")
			.contains("/appointments/" + booked)
			.contains("href=\"" + chart + "/export\"");
	}

	@Test
	void strangersGetNotFoundAndBreakGlassOpensTheChartUntilEnded() {
		TestAccounts accounts = TestAccounts.in(context);
		TestAccount otherTherapist = accounts.therapist(uniqueEmail("timeline-stranger"));
		WebSession stranger = browser();
		stranger.signIn(otherTherapist.email(), otherTherapist.password(), otherTherapist.code());
		assertThat(stranger.get(chart).status()).isEqualTo(404);
		assertThat(stranger.get("/api/v1/records/clients/" + client.id() + "/timeline").status()).isEqualTo(404);

		TestAccount admin = accounts.admin(uniqueEmail("timeline-admin"));
		WebSession adminBrowser = browser();
		adminBrowser.signIn(admin.email(), admin.password(), admin.code());
		assertThat(adminBrowser.get(chart).status()).isEqualTo(404);
		assertThat(adminBrowser.get("/home").body()).contains("/admin/break-glass");

		String form = "/admin/break-glass";
		Response refused = adminBrowser.submit(form, form, Map.of("email", "nobody@example.org", "reason", "short"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("No client has this email address.").contains("short");
		Response tooShort = adminBrowser.post(form, Map.of("email", client.email(), "reason", "short"));
		assertThat(tooShort.body()).contains("Use at least 10 characters");
		Response unconfirmed = adminBrowser.post(form,
				Map.of("email", client.email(), "reason", "Client reported missing by family"));
		assertThat(unconfirmed.body()).contains("Confirm that this is an emergency.")
			.contains("Client reported missing by family");
		assertThat(adminBrowser.get(chart).status()).isEqualTo(404);

		Response granted = adminBrowser.post(form,
				Map.of("email", client.email(), "reason", "Client reported missing by family", "confirm", "true"));
		assertThat(granted.status()).isEqualTo(302);
		assertThat(granted.location()).endsWith(chart);
		assertThat(adminBrowser.get(chart).body()).contains("emergency access");
		assertThat(reads("account:" + admin.id())).isEqualTo(1);
		String grants = adminBrowser.get(form).body();
		assertThat(grants).contains("Client reported missing by family").contains("Open until");

		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(practice.therapist().email(), practice.therapist().password(),
				practice.therapist().code());
		assertThat(therapistBrowser.get(chart).body()).as("the therapist sees who and why in Haven")
			.contains("Emergency access by")
			.contains("Client reported missing by family");

		UUID grant = jdbc.sql("select id from records_break_glass where admin_id = ?")
			.param(admin.id())
			.query(UUID.class)
			.single();
		assertThat(adminBrowser.post(form + "/" + grant + "/end", Map.of()).location()).endsWith("?ended");
		assertThat(adminBrowser.get(chart).status()).isEqualTo(404);
		assertThat(adminBrowser.get(form).body()).contains("Ended early");
	}

	private long reads(String actor) {
		return jdbc.sql("select count(*) from audit_entry where action = 'CHART_READ' and actor = ? and subject = ?")
			.param(actor)
			.param("chart:" + client.id())
			.query(Long.class)
			.single();
	}

}

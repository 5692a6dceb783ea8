package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.haven.care.TestCare.IntakeAnswers;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The home page: a therapist's day, week and waiting intake requests; a client's next
 * session.
 */
class HomeDashboardIntegrationTests extends IntegrationTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("dashboard-therapist"));
	}

	@Test
	void aTherapistSeesTodaysSessionsTheWeekAheadAndWaitingRequests() {
		TestAccount client = practice.clientInCare(uniqueEmail("dashboard-client"), true);
		// Today's last free slot (if any is left on the New York clock), and one three
		// days ahead.
		LocalDate today = LocalDate.ofInstant(clock.instant(), NEW_YORK);
		FreeSlot later = practice.freeSlotAfter(today.plusDays(3).atStartOfDay(NEW_YORK).toInstant());
		UUID laterId = practice.book(client, later, "AUDIO");
		TestAccount asking = practice.accounts().client(uniqueEmail("asking-client"));
		practice.care()
			.request(asking.id(), practice.therapist().id(),
					IntakeAnswers.video("Private words", "US-NY", "Albany", "Kim"));
		TestAccount otherClient = TestPractice.open(context, uniqueEmail("elsewhere"))
			.clientInCare(uniqueEmail("not-mine"), true);

		WebSession browser = browser();
		browser.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		String home = browser.get("/home").body();
		assertThat(home).contains("Today,")
			.contains("The next seven days")
			.contains("America/New_York")
			.contains("/appointments/" + laterId)
			.contains("audio");
		assertThat(home).contains("Intake requests waiting for you").contains("Test client");
		assertThat(home).doesNotContain("Private words");
		assertThat(home).doesNotContain(otherClient.email());
	}

	@Test
	void aSessionStartingSoonShowsOnTodayWithJoinNow() {
		TestAccount client = practice.clientInCare(uniqueEmail("soon-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant());
		UUID id = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));

		WebSession therapist = browser();
		therapist.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		String home = therapist.get("/home").body();
		String todaySection = home.substring(home.indexOf("Today,"), home.indexOf("The next seven days"));
		assertThat(todaySection).contains("/visits/" + id).contains("Join now");

		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		String clientHome = clientBrowser.get("/home").body();
		assertThat(clientHome).contains("Your next session")
			.contains("Join now")
			.contains("/appointments/" + id + "/reschedule")
			.contains("/appointments/" + id + "/cancel");
	}

	@Test
	void aClientSeesTheirNextSessionOnlyAndAnEmptyStateWithoutOne() {
		TestAccount client = practice.clientInCare(uniqueEmail("next-client"), true);
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		assertThat(browser.get("/home").body()).contains("No session booked");

		FreeSlot first = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		FreeSlot second = practice.freeSlotAfter(first.start().plus(Duration.ofDays(1)));
		UUID firstId = practice.book(client, first, "VIDEO");
		UUID secondId = practice.book(client, second, "VIDEO");
		TestAccount someoneElse = practice.clientInCare(uniqueEmail("someone-else"), true);
		UUID theirs = practice.book(someoneElse, practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1))),
				"VIDEO");
		String home = browser.get("/home").body();
		assertThat(home).contains("Your next session")
			.contains("/appointments/" + firstId)
			.doesNotContain("/appointments/" + secondId)
			.contains("1</span> more")
			.doesNotContain(theirs.toString());
	}

	@Test
	void joinNowAppearsOnlyWhileTheSessionCanBeJoined() {
		TestAccount client = practice.clientInCare(uniqueEmail("join-window-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, slot, "VIDEO");
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		String before = browser.get("/home").body();
		assertThat(before).contains("/appointments/" + id + "/reschedule")
			.doesNotContain("Join now")
			.contains("You can join from");
	}

	/**
	 * A session ended in its room before its booked end is over: it is no longer the
	 * client's next session, and the therapist's day shows it ended, with no way to join.
	 */
	@Test
	void anEndedSessionIsNoLongerJoinable() {
		TestAccount client = practice.clientInCare(uniqueEmail("ended-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant());
		UUID ended = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start().plus(Duration.ofMinutes(5))));
		jdbc.sql("insert into visit_room (appointment_id, admitted, ended) values (:id, false, true)")
			.param("id", ended)
			.update();

		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);
		String clientHome = clientBrowser.get("/home").body();
		assertThat(clientHome).doesNotContain("/appointments/" + ended).doesNotContain("Join now");

		WebSession therapist = browser();
		therapist.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		String today = therapistsDay(therapist);
		assertThat(today).contains("Ended").contains("/appointments/" + ended).doesNotContain("/visits/" + ended);
	}

	@Test
	void aClientWhoCheckedInShowsAsWaitingOnTheTherapistsDay() {
		TestAccount client = practice.clientInCare(uniqueEmail("waiting-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant());
		UUID id = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));
		WebSession therapist = browser();
		therapist.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		assertThat(therapistsDay(therapist)).doesNotContain("waiting for you");
		jdbc.sql("""
				insert into visit_checkin (id, appointment_id, client_id, location, jurisdiction, phone, created_at)
				values (:id, :appointment, :client, 'sealed', 'US-NY', 'sealed', now())""")
			.param("id", UUID.randomUUID())
			.param("appointment", id)
			.param("client", client.id())
			.update();
		assertThat(therapistsDay(therapist)).contains("1 client is waiting for you.")
			.contains("Waiting")
			.contains("/visits/" + id)
			.contains("Join now");
	}

	private static String therapistsDay(WebSession therapist) {
		String home = therapist.get("/home").body();
		return home.substring(home.indexOf("Today,"), home.indexOf("The next seven days"));
	}

	@Test
	void theConsentPromptShowsOnlyUntilTheClientSigns() {
		TestAccount client = practice.clientInCare(uniqueEmail("consent-prompt-client"), false);
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		assertThat(browser.get("/home").body()).contains("Sign the telehealth consent")
			.contains("Read and sign the consent");
		practice.care().signConsent(client.id(), "Test Client");
		assertThat(browser.get("/home").body()).doesNotContain("Read and sign the consent")
			.doesNotContain("Sign the telehealth consent");
	}

}

package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.AppointmentBooked;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.shared.mail.MailOutbox;
import org.haven.support.CalendarRules;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.internet.MimeMessage;

/**
 * Confirmation, change and cancellation notices with iCalendar invitations, read back
 * from GreenMail.
 */
class AppointmentNoticeIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	MailOutbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("notice-therapist"));
	}

	@Test
	void bookingMovingAndCancellingEachSendBothPartiesAnInvitationWithAGrowingSequence() {
		TestAccount client = practice.clientInCare(uniqueEmail("notice-client"), true);
		TestAccount therapist = practice.therapist();
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, slot, "VIDEO");

		MimeMessage booked = TestMail.awaitMail(client.email(), 1);
		assertThat(TestMail.subject(booked)).isEqualTo("Your Haven session is booked");
		String when = ZonedDateTime.ofInstant(slot.start(), ZoneId.of("America/New_York")).toLocalTime().toString();
		assertThat(TestMail.body(booked)).contains("video session with your therapist")
			.contains(when)
			.contains("America/New_York")
			.contains("/appointments/" + id);
		MailedCalendar invitation = MailedCalendar.of(booked);
		assertThat(invitation.contentType()).contains("text/calendar").contains("method=PUBLISH");
		assertThat(invitation.method()).isEqualTo("PUBLISH");
		assertThat(invitation.event("UID")).isEqualTo(id + "@localhost");
		assertThat(invitation.event("SEQUENCE")).isEqualTo("0");
		assertThat(invitation.event("SUMMARY")).isEqualTo("Haven session");
		assertThat(invitation.startZone()).isEqualTo("America/New_York");
		assertThat(invitation.text()).contains("BEGIN:VTIMEZONE").contains("TZID:America/New_York");
		assertThat(invitation.event().getProperties("ATTENDEE")).as("nobody is asked to accept").isEmpty();
		assertThat(invitation.event("ORGANIZER")).isEqualTo("mailto:no-reply@haven.test");
		MimeMessage therapistCopy = TestMail.awaitMail(therapist.email(), 1);
		assertThat(TestMail.body(therapistCopy)).contains("with your client");

		FreeSlot later = practice.freeSlotAfter(slot.start().plus(Duration.ofDays(1)));
		practice.reschedule(client.id(), id, later.start()).orElseThrow();
		MimeMessage moved = TestMail.awaitMail(client.email(), 2);
		assertThat(TestMail.subject(moved)).isEqualTo("Your Haven session has moved");
		MailedCalendar update = MailedCalendar.of(moved);
		assertThat(update.method()).isEqualTo("PUBLISH");
		assertThat(update.event("UID")).isEqualTo(id + "@localhost");
		assertThat(update.event("SEQUENCE")).isEqualTo("1");
		CalendarRules.assertUpdates(update.calendar(), invitation.calendar());

		practice.cancel(therapist.id(), id).orElseThrow();
		MimeMessage cancelled = TestMail.awaitMail(client.email(), 3);
		assertThat(TestMail.subject(cancelled)).isEqualTo("Your Haven session is cancelled");
		MailedCalendar cancellation = MailedCalendar.of(cancelled);
		assertThat(cancellation.contentType()).contains("method=CANCEL");
		assertThat(cancellation.method()).isEqualTo("CANCEL");
		assertThat(cancellation.event("STATUS")).isEqualTo("CANCELLED");
		assertThat(cancellation.event("SEQUENCE")).isEqualTo("2");
		CalendarRules.assertUpdates(cancellation.calendar(), update.calendar());
		MimeMessage therapistCancellation = TestMail.awaitMail(therapist.email(), 3);
		assertThat(MailedCalendar.of(therapistCancellation).event("ATTENDEE"))
			.isEqualToIgnoringCase("mailto:" + therapist.email());

		for (MimeMessage mail : List.of(booked, moved, cancelled, therapistCopy)) {
			assertNoHealthData(mail);
		}
		outbox.deliverDue();
		assertThat(TestMail.to(client.email())).hasSize(3);
		assertThat(TestMail.to(therapist.email())).hasSize(3);
	}

	@Test
	void anEventDeliveredAgainAfterARestartSendsNothingTwice() {
		TestAccount client = practice.clientInCare(uniqueEmail("republished-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(4)));
		UUID id = practice.book(client, slot, "VIDEO");
		TestMail.awaitMail(client.email(), 1);
		// What the event publication registry does with an incomplete publication when
		// Haven starts again.
		transactions.executeWithoutResult(status -> events
			.publishEvent(new AppointmentBooked(id, client.id(), practice.therapist().id(), slot.start())));
		// Its publication is deleted once the listener has handled it (completion mode
		// delete).
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("""
					select count(*) from event_publication where serialized_event like :id
					and listener_id like '%AppointmentNotices%'""")
				.param("id", "%" + id + "%")
				.query(Long.class)
				.single() == 0);
		outbox.deliverDue();
		assertThat(TestMail.to(client.email())).hasSize(1);
		assertThat(jdbc.sql("select count(*) from appointment_reminder where appointment_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void noticesWaitForTheMailServerAndArriveOnce() {
		TestAccount client = practice.clientInCare(uniqueEmail("outage-client"), true);
		TestMail.stop();
		try {
			practice.book(client, practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(3))), "AUDIO");
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pending() >= 2);
			outbox.deliverDue();
		}
		finally {
			TestMail.restart();
		}
		assertThat(TestMail.to(client.email())).isEmpty();
		clock.advance(Duration.ofMinutes(1));
		outbox.deliverDue();
		TestMail.awaitMail(client.email(), 1);
		TestMail.awaitMail(practice.therapist().email(), 1);
		clock.advance(Duration.ofMinutes(10));
		outbox.deliverDue();
		assertThat(TestMail.to(client.email())).hasSize(1);
	}

	@Test
	void aUserWhoTurnedNoticesOffGetsNone() {
		TestAccount client = practice.clientInCare(uniqueEmail("quiet-client"), true);
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		browser.get("/account/notifications");
		assertThat(browser.post("/account/notifications", Map.of("emailReminders", "true", "timeZone", "Europe/Berlin"))
			.location()).endsWith("/account/notifications?saved");
		assertThat(browser.get("/account/notifications").body()).contains("Europe/Berlin");

		practice.book(client, practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2))), "VIDEO");
		TestMail.awaitMail(practice.therapist().email(), 1);
		outbox.deliverDue();
		assertThat(TestMail.to(client.email())).isEmpty();
	}

	@Test
	void anUnknownTimeZoneIsRefusedAndNothingChanges() {
		TestAccount client = practice.accounts().client(uniqueEmail("zone-client"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		browser.get("/account/notifications");
		for (String zone : List.of("Mars/Olympus", "UTC", "Etc/GMT+5", "x".repeat(300))) {
			String page = browser.post("/account/notifications", Map.of("emailNotices", "true", "timeZone", zone))
				.body();
			assertThat(page).as(zone).contains("There is a problem").contains("time zone");
		}
		assertThat(browser.get("/account/notifications").body()).doesNotContain("Mars/Olympus");
	}

	/**
	 * Mail crosses servers Haven does not control: no intake reason, no specialty, no
	 * names.
	 */
	static void assertNoHealthData(MimeMessage mail) {
		assertNoHealth(TestMail.body(mail) + MailedCalendar.of(mail).text());
	}

	static void assertNoHealthBody(MimeMessage mail) {
		assertNoHealth(TestMail.body(mail));
	}

	private static void assertNoHealth(String everything) {
		assertThat(everything).doesNotContain(TestPractice.INTAKE_REASON)
			.doesNotContainIgnoringCase("anxiety")
			.doesNotContain("Dr. Practice")
			.doesNotContain("Test client")
			.doesNotContain("Test therapist")
			.doesNotContain("Albany")
			.doesNotContain("Kim 555");
	}

}

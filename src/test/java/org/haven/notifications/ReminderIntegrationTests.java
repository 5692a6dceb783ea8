package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.haven.HavenApplication;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.notifications.internal.Reminders;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.scheduling.TestPractice;
import org.haven.shared.mail.MailOutbox;
import org.haven.support.IntegrationTest;
import org.haven.support.MutableClock;
import org.haven.support.Postgres;
import org.haven.support.TestBeans;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.haven.texting.TestSmsc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.internet.MimeMessage;

/**
 * Reminders 24 hours and 1 hour before a session: at the right time, once, also across a
 * restart.
 */
class ReminderIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Reminders reminders;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MailOutbox outbox;

	TestPractice practice;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("reminder-therapist"));
	}

	@Test
	void bothPartiesAreRemindedADayAndAnHourBeforeExactlyOnce() {
		TestAccount client = practice.clientInCare(uniqueEmail("reminded-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(3)));
		practice.book(client, slot, "VIDEO");
		TestMail.awaitMail(client.email(), 1);

		moveTo(slot.start().minus(Duration.ofHours(24)).minusSeconds(1));
		reminders.sendDue();
		outbox.deliverDue();
		assertThat(reminderMails(client)).as("a second early: nothing yet").isEmpty();

		moveTo(slot.start().minus(Duration.ofHours(24)));
		reminders.sendDue();
		MimeMessage dayBefore = awaitReminder(client, 1);
		assertThat(TestMail.body(dayBefore)).contains("starts in 24 hours").contains("/appointments/");
		awaitReminder(practice.therapist(), 1);
		AppointmentNoticeIntegrationTests.assertNoHealthBody(dayBefore);

		moveTo(slot.start().minus(Duration.ofMinutes(61)));
		reminders.sendDue();
		outbox.deliverDue();
		assertThat(reminderMails(client)).hasSize(1);

		moveTo(slot.start().minus(Duration.ofHours(1)));
		reminders.sendDue();
		assertThat(TestMail.body(awaitReminder(client, 2))).contains("starts in 1 hour");
		awaitReminder(practice.therapist(), 2);

		moveTo(slot.start().minus(Duration.ofMinutes(5)));
		reminders.sendDue();
		outbox.deliverDue();
		assertThat(reminderMails(client)).hasSize(2);
		assertThat(reminderMails(practice.therapist())).hasSize(2);
	}

	@Test
	void aCancelledSessionIsNotRemindedAndAMovedOneIsRemindedAtItsNewTime() {
		TestAccount client = practice.clientInCare(uniqueEmail("moved-client"), true);
		FreeSlot first = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID cancelled = practice.book(client, first, "VIDEO");
		FreeSlot second = practice.freeSlotAfter(first.start().plus(Duration.ofHours(3)));
		UUID moved = practice.book(client, second, "AUDIO");
		FreeSlot third = practice.freeSlotAfter(second.start().plus(Duration.ofDays(2)));
		TestMail.awaitMail(client.email(), 2);
		practice.cancel(client.id(), cancelled).orElseThrow();
		practice.reschedule(client.id(), moved, third.start()).orElseThrow();
		TestMail.awaitMail(client.email(), 4);

		moveTo(second.start().minus(Duration.ofMinutes(30)));
		reminders.sendDue();
		outbox.deliverDue();
		assertThat(reminderMails(client)).as("nothing for the cancelled time or the old time").isEmpty();

		moveTo(third.start().minus(Duration.ofHours(24)));
		reminders.sendDue();
		assertThat(TestMail.body(awaitReminder(client, 1))).contains("audio session").contains("starts in 24 hours");
	}

	@Test
	void aBookingLessThanADayAheadGetsOnlyTheHourReminderAndAUserCanTurnRemindersOff() {
		TestAccount client = practice.clientInCare(uniqueEmail("soon-client"), true);
		var browser = browser();
		browser.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		browser.get("/account/notifications");
		browser.post("/account/notifications", Map.of("emailNotices", "true"));
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(5)));
		practice.book(client, slot, "VIDEO");
		TestMail.awaitMail(client.email(), 1);

		moveTo(slot.start().minus(Duration.ofHours(1)));
		reminders.sendDue();
		awaitReminder(client, 1);
		moveTo(slot.start().minus(Duration.ofMinutes(1)));
		reminders.sendDue();
		outbox.deliverDue();
		assertThat(reminderMails(client)).hasSize(1);
		assertThat(reminderMails(practice.therapist())).as("the therapist turned reminders off").isEmpty();
	}

	/**
	 * Haven stops after the booking scheduled the reminders and before they are due; a
	 * new start on the same database sends each reminder once.
	 */
	@Test
	void remindersScheduledBeforeARestartAreSentOnceAfterIt() {
		String database = Postgres.freshDatabase();
		String clientEmail;
		String therapistEmail;
		Instant start;
		try (ConfigurableApplicationContext before = node(database)) {
			TestPractice otherPractice = TestPractice.open(before, uniqueEmail("restart-therapist"));
			TestAccount client = otherPractice.clientInCare(uniqueEmail("restart-client"), true);
			FreeSlot slot = otherPractice.freeSlotAfter(Instant.now().plus(Duration.ofDays(2)));
			otherPractice.book(client, slot, "VIDEO");
			TestMail.awaitMail(client.email(), 1);
			clientEmail = client.email();
			therapistEmail = otherPractice.therapist().email();
			start = slot.start();
		}
		try (ConfigurableApplicationContext after = node(database)) {
			MutableClock afterClock = after.getBean(MutableClock.class);
			afterClock.advance(Duration.between(afterClock.instant(), start.minus(Duration.ofHours(24))));
			Reminders restarted = after.getBean(Reminders.class);
			restarted.sendDue();
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> reminderMails(clientEmail).size() == 1 && reminderMails(therapistEmail).size() == 1);
			restarted.sendDue();
			after.getBean(MailOutbox.class).deliverDue();
			afterClock.advance(Duration.ofMinutes(30));
			restarted.sendDue();
			after.getBean(MailOutbox.class).deliverDue();
		}
		assertThat(reminderMails(clientEmail)).hasSize(1);
		assertThat(reminderMails(therapistEmail)).hasSize(1);
	}

	private static ConfigurableApplicationContext node(String jdbcUrl) {
		// Command-line arguments: they outrank application.yml, as the test's own
		// properties do.
		return new SpringApplicationBuilder(HavenApplication.class, TestBeans.class).run(
				"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + TestMail.port(), "--haven.demo.mode=off",
				"--haven.crypto.keys=test=" + TEST_KEY, "--haven.base-url=http://localhost", "--server.port=0");
	}

	@Test
	void aClientWhoChoseTextRemindersGetsThemByTextButNeverAtNight() {
		TestAccount client = practice.clientInCare(uniqueEmail("texted-client"), true);
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), client.totpSecret() == null ? null : client.code());
		String number = TestSmsc.newNumber();
		TestSmsc.verify(browser, number, Map.of("reminders", "true"));
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(3)));
		practice.book(client, slot, "VIDEO");
		// The booking's notice comes with its reminders scheduled.
		TestMail.awaitMail(client.email(), 1);

		moveTo(slot.start().minus(Duration.ofHours(24)));
		reminders.sendDue();
		// Said in the therapist's zone (the client chose none), where it is daytime.
		String text = TestSmsc.awaitText(number, 2).body();
		assertThat(text).startsWith("Haven: reminder, your session starts in 24 hours, on ")
			.contains("America/New_York")
			.doesNotContain("Dr. Practice")
			.doesNotContain("VIDEO");

		// A zone where the hour before is night: the text waits for 08:00 there.
		ZoneId night = Stream.of("Asia/Tokyo", "Asia/Kolkata", "Europe/Berlin", "Pacific/Auckland")
			.map(ZoneId::of)
			.filter(zone -> {
				LocalTime local = slot.start().minus(Duration.ofHours(1)).atZone(zone).toLocalTime();
				return local.getHour() >= 21 || local.getHour() < 7;
			})
			.findFirst()
			.orElseThrow();
		// Days later: a new sign-in.
		WebSession again = browser();
		again.signIn(client.email(), client.password(), client.totpSecret() == null ? null : client.code());
		assertThat(again
			.submit("/account/notifications", "/account/notifications",
					Map.of("emailReminders", "true", "timeZone", night.getId()))
			.location()).endsWith("/account/notifications?saved");
		moveTo(slot.start().minus(Duration.ofHours(1)));
		reminders.sendDue();
		java.time.ZonedDateTime hourBefore = slot.start().minus(Duration.ofHours(1)).atZone(night);
		Instant eight = (hourBefore.getHour() >= 21 ? hourBefore.plusDays(1) : hourBefore).toLocalDate()
			.atTime(8, 0)
			.atZone(night)
			.toInstant();
		List<Instant> queued = jdbc.sql(
				"select next_attempt_at from text_outbox where recipient = :n and purpose = 'REMINDER' order by created_at")
			.param("n", number)
			.query(java.time.OffsetDateTime.class)
			.list()
			.stream()
			.map(java.time.OffsetDateTime::toInstant)
			.toList();
		if (eight.isBefore(slot.start())) {
			assertThat(queued).hasSize(2).last().isEqualTo(eight);
		}
		else {
			// 08:00 there comes after the session has started: no reminder rather than a
			// late one.
			assertThat(queued).hasSize(1);
		}
		assertThat(TestSmsc.to(number)).hasSize(2);
	}

	private void moveTo(Instant instant) {
		clock.advance(Duration.between(clock.instant(), instant));
	}

	private static MimeMessage awaitReminder(TestAccount account, int n) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> reminderMails(account.email()).size() >= n);
		return reminderMails(account.email()).get(n - 1);
	}

	private static List<MimeMessage> reminderMails(TestAccount account) {
		return reminderMails(account.email());
	}

	private static List<MimeMessage> reminderMails(String email) {
		return TestMail.to(email).stream().filter(m -> TestMail.subject(m).startsWith("Reminder")).toList();
	}

}

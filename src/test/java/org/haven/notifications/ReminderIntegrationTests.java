package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.HavenApplication;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.notifications.internal.Reminders;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.shared.mail.MailOutbox;
import org.haven.support.IntegrationTest;
import org.haven.support.MutableClock;
import org.haven.support.Postgres;
import org.haven.support.TestBeans;
import org.haven.support.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

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

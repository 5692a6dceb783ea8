package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.notifications.internal.Reminders;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The form of Haven's mail as it arrives over SMTP (GreenMail): a Message-ID at Haven's
 * own host, Auto-Submitted on everything, List-Unsubscribe on notices and reminders only,
 * and a calendar file as an attachment of a multipart/mixed mail whose MIME method
 * matches the file's.
 */
class MailFormIntegrationTests extends IntegrationTest {

	private static final String MESSAGE_ID = "<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@localhost>";

	@Autowired
	ApplicationContext context;

	@Autowired
	Reminders reminders;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("form-therapist"));
	}

	@Test
	void accountMailIsOnePlainTextPartWithoutListUnsubscribe() throws Exception {
		TestAccount client = practice.accounts().client(uniqueEmail("form-reset"));
		browser().submit("/password-reset", "/password-reset", Map.of("email", client.email()));
		MimeMessage mail = TestMail.awaitMail(client.email(), 1);

		assertThat(mail.getMessageID()).matches(MESSAGE_ID)
			.isEqualTo("<" + outboxId(client.email(), "Reset your Haven password") + "@localhost>");
		assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(mail.getHeader("List-Unsubscribe")).as("a reset link is asked for, not subscribed to").isNull();
		assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
		assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(mail.getHeader("Date", null)).isNotBlank();
	}

	@Test
	void aNoticeIsTextWithTheCalendarFileAttachedAndNamesThePreferencesPage() throws Exception {
		TestAccount client = practice.clientInCare(uniqueEmail("form-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(3)));
		UUID id = practice.book(client, slot, "VIDEO");
		MimeMessage mail = TestMail.awaitMail(client.email(), 1);

		assertThat(mail.getMessageID()).matches(MESSAGE_ID);
		assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(mail.getHeader("List-Unsubscribe", null)).isEqualTo("<http://localhost/account/notifications>");
		assertThat(mail.getHeader("List-Unsubscribe-Post")).as("there is no one-click endpoint to promise").isNull();
		assertThat(mail.getContentType()).startsWith("multipart/mixed");

		MimeMultipart parts = (MimeMultipart) mail.getContent();
		assertThat(parts.getCount()).isEqualTo(2);
		BodyPart text = parts.getBodyPart(0);
		assertThat(text.getContentType()).startsWith("text/plain");
		assertThat(text.getDisposition()).isNotEqualToIgnoringCase(Part.ATTACHMENT);
		assertThat((String) text.getContent()).contains("/appointments/" + id);
		BodyPart calendar = parts.getBodyPart(1);
		assertThat(calendar.getContentType()).startsWith("text/calendar")
			.contains("method=PUBLISH")
			.containsIgnoringCase("charset=UTF-8");
		assertThat(calendar.getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
		assertThat(calendar.getFileName()).isEqualTo("session.ics");
		assertThat(MailedCalendar.of(mail).method()).isEqualTo("PUBLISH");

		MimeMessage therapistCopy = TestMail.awaitMail(practice.therapist().email(), 1);
		assertThat(therapistCopy.getMessageID()).matches(MESSAGE_ID).isNotEqualTo(mail.getMessageID());

		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofHours(24))));
		reminders.sendDue();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> TestMail.to(client.email())
				.stream()
				.anyMatch(m -> TestMail.subject(m).startsWith("Reminder")));
		MimeMessage reminder = TestMail.to(client.email())
			.stream()
			.filter(m -> TestMail.subject(m).startsWith("Reminder"))
			.findFirst()
			.orElseThrow();
		assertThat(reminder.getMessageID()).matches(MESSAGE_ID);
		assertThat(reminder.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
		assertThat(reminder.getHeader("List-Unsubscribe", null)).isEqualTo("<http://localhost/account/notifications>");
		assertThat(reminder.getContentType()).startsWith("text/plain");
	}

	private UUID outboxId(String recipient, String subject) {
		return jdbc.sql("select id from mail_outbox where recipient = :to and subject = :subject")
			.param("to", recipient)
			.param("subject", subject)
			.query(UUID.class)
			.single();
	}

}

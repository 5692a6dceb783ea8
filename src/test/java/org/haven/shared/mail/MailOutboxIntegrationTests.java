package org.haven.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

class MailOutboxIntegrationTests extends IntegrationTest {

	@Autowired
	Mailer mailer;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	private static String address() {
		return "outbox-" + UUID.randomUUID() + "@example.test";
	}

	@Test
	void anSmtpOutageDelaysMailAndLosesNone() throws Exception {
		String to = address();
		TestMail.stop();
		try {
			mailer.send(to, "Your Haven session", "Sign in to see it: https://haven.test/appointments");
			assertThat(outbox.deliverDue()).isZero();
			// The send also asks for a delivery on another thread; if it holds the lease,
			// the poll above skipped
			// the mail, and its failed attempt is recorded a moment later.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> row(to, "attempts", Integer.class) >= 1);
			assertThat(row(to, "last_error", String.class)).isNotBlank();
			assertThat(row(to, "body", String.class)).startsWith("v1.").doesNotContain("Sign in");
		}
		finally {
			TestMail.restart();
		}
		// Not yet due: the retry waits its pause.
		assertThat(outbox.deliverDue()).isZero();
		assertThat(TestMail.to(to)).isEmpty();
		clock.advance(Duration.ofMinutes(1));
		outbox.deliverDue();
		MimeMessage mail = TestMail.awaitMail(to, 1);
		assertThat(TestMail.body(mail)).contains("Sign in to see it");
		assertThat(isSet(to, "sent_at")).isTrue();
		assertThat(row(to, "body", String.class)).as("the sign-in link is erased once sent").isEmpty();
		clock.advance(Duration.ofHours(1));
		outbox.deliverDue();
		assertThat(TestMail.to(to)).hasSize(1);
	}

	@Test
	void aMailWithTheSameDedupeKeyIsStoredOnce() {
		String to = address();
		String key = "test:" + UUID.randomUUID();
		assertThat(mailer.send(OutgoingMail.of(to, "Once", "Only once").once(key))).isTrue();
		assertThat(mailer.send(OutgoingMail.of(to, "Once", "Only once").once(key))).isFalse();
		TestMail.awaitMail(to, 1);
		outbox.deliverDue();
		assertThat(TestMail.to(to)).hasSize(1);
		assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = :to")
			.param("to", to)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void attachmentsTravelWithTheMail() throws Exception {
		String to = address();
		mailer.send(OutgoingMail.of(to, "Invitation", "See the attachment")
			.withAttachment(new OutgoingMail.Attachment("session.ics", "text/calendar; method=PUBLISH; charset=UTF-8",
					"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")));
		MimeMessage mail = TestMail.awaitMail(to, 1);
		MimeMultipart multipart = (MimeMultipart) mail.getContent();
		boolean found = false;
		for (int i = 0; i < multipart.getCount(); i++) {
			if ("session.ics".equals(multipart.getBodyPart(i).getFileName())) {
				assertThat(multipart.getBodyPart(i).getContentType()).contains("text/calendar")
					.contains("method=PUBLISH");
				found = true;
			}
		}
		assertThat(found).isTrue();
	}

	@Test
	void aMailStillUnsentAfterItsDeadlineIsDropped() {
		String to = address();
		TestMail.stop();
		try {
			mailer.send(OutgoingMail.of(to, "Reminder", "Soon").notAfter(clock.instant().plus(Duration.ofMinutes(5))));
			outbox.deliverDue();
			// The poller may have taken the mail first: its attempt ends, failed, before
			// the
			// mail server is back (a lease runs on the database's clock, which the test
			// does
			// not move).
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> row(to, "lease_until is null and attempts > 0", Boolean.class));
		}
		finally {
			TestMail.restart();
		}
		clock.advance(Duration.ofMinutes(10));
		outbox.deliverDue();
		assertThat(isSet(to, "abandoned_at")).isTrue();
		assertThat(isSet(to, "sent_at")).isFalse();
		assertThat(TestMail.to(to)).isEmpty();
	}

	@Test
	void concurrentDeliveryRoundsSendEachMailOnce() throws Exception {
		List<String> recipients = new ArrayList<>();
		TestMail.stop();
		try {
			for (int i = 0; i < 10; i++) {
				String to = address();
				recipients.add(to);
				mailer.send(to, "Hello", "Mail " + i);
			}
			outbox.deliverDue();
		}
		finally {
			TestMail.restart();
		}
		clock.advance(Duration.ofMinutes(1));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> rounds = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				rounds.add(outbox::deliverDue);
			}
			for (Future<Integer> round : pool.invokeAll(rounds)) {
				round.get();
			}
		}
		finally {
			pool.shutdown();
		}
		for (String to : recipients) {
			TestMail.awaitMail(to, 1);
		}
		outbox.deliverDue();
		recipients.forEach(to -> assertThat(TestMail.to(to)).as(to).hasSize(1));
	}

	/**
	 * A lease that ran out while its holder was still sending (a slow server, or a clock
	 * moved on) is taken again; when the first holder then finishes before the second
	 * reads the mail, the second stops there.
	 */
	@Test
	void aMailItsFirstHolderFinishedIsNotSentAgainByTheSecond() {
		String to = address();
		mailer.send(to, "Your Haven session", "Sign in to see it");
		TestMail.awaitMail(to, 1);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> isSet(to, "sent_at"));
		UUID id = row(to, "id", UUID.class);

		assertThat(outbox.deliver(id)).isFalse();

		assertThat(TestMail.to(to)).hasSize(1);
		assertThat(isSet(to, "abandoned_at")).isFalse();
		assertThat(row(to, "attempts", Integer.class)).isEqualTo(1);
	}

	@Test
	void retryPausesGrowAndLevelOff() {
		assertThat(MailOutbox.retryPause(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(MailOutbox.retryPause(2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(MailOutbox.retryPause(3)).isEqualTo(Duration.ofMinutes(2));
		assertThat(MailOutbox.retryPause(20)).isEqualTo(Duration.ofMinutes(15));
	}

	private boolean isSet(String to, String column) {
		return row(to, column + " is not null", Boolean.class);
	}

	private <T> T row(String to, String column, Class<T> type) {
		return jdbc.sql("select " + column + " from mail_outbox where recipient = :to")
			.param("to", to)
			.query(type)
			.single();
	}

}

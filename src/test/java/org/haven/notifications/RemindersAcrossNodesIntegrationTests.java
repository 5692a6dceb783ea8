package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.notifications.internal.Reminders;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.shared.mail.MailOutbox;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.Nodes;
import org.haven.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Two nodes polling for due reminders at the same moment, on the one database: each
 * reminder goes out once, and one a node was holding when it died goes out after all.
 */
class RemindersAcrossNodesIntegrationTests extends IntegrationTest {

	private static final int LEADS = 100;

	@Autowired
	ApplicationContext context;

	@Autowired
	Reminders reminders;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Reminders otherNode;

	TestPractice practice;

	TestAccount client;

	UUID appointment;

	Instant start;

	@BeforeEach
	void setUp() {
		otherNode = Nodes.another(context, Reminders.class);
		practice = TestPractice.open(context, uniqueEmail("nodes-therapist"));
		client = practice.clientInCare(uniqueEmail("nodes-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(3)));
		start = slot.start();
		appointment = practice.book(client, slot, "VIDEO");
		TestMail.awaitMail(client.email(), 1);
	}

	@AfterEach
	void stopOtherNode() {
		Nodes.stop(context, otherNode);
	}

	@Test
	void twoHundredDueRemindersAreEachSentOnceByTwoNodesPollingAtOnce() throws Exception {
		List<UUID> due = new ArrayList<>();
		for (int lead = 101; lead <= 100 + LEADS; lead++) {
			due.add(dueReminder(client.id(), lead));
			due.add(dueReminder(practice.therapist().id(), lead));
		}

		List<Integer> sent = Nodes.atOnce(() -> Nodes.drain(reminders::sendDue), () -> Nodes.drain(otherNode::sendDue));

		System.out.printf("Reminders across nodes: node A sent %d, node B sent %d, of %d due%n", sent.get(0),
				sent.get(1), due.size());
		assertThat(sent.get(0) + sent.get(1)).as("reminders each node counted as sent").isLessThanOrEqualTo(due.size());
		assertThat(count("select count(*) from appointment_reminder where id in (:ids) and sent_at is not null"
				+ " and not skipped", due))
			.isEqualTo(due.size());
		assertThat(count("select count(*) from mail_outbox where dedupe_key in (:ids)",
				due.stream().map(id -> "reminder:" + id).toList()))
			.isEqualTo(due.size());
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> reminderMails(client).size() + reminderMails(practice.therapist()).size() >= due.size());
		reminders.sendDue();
		otherNode.sendDue();
		outbox.deliverDue();
		int received = reminderMails(client).size() + reminderMails(practice.therapist()).size();
		System.out.printf("Reminders across nodes: %d mails received for %d due (%d duplicates)%n", received,
				due.size(), received - due.size());
		assertThat(reminderMails(client)).hasSize(LEADS);
		assertThat(reminderMails(practice.therapist())).hasSize(LEADS);
		Set<String> messageIds = new HashSet<>();
		reminderMails(client).forEach(m -> messageIds.add(messageId(m)));
		reminderMails(practice.therapist()).forEach(m -> messageIds.add(messageId(m)));
		assertThat(messageIds).hasSize(due.size());
	}

	/**
	 * A node holds a reminder (its transaction has claimed it) and dies: the other node
	 * passes over it rather than wait, and sends it once the dead node's transaction is
	 * rolled back.
	 */
	@Test
	void aReminderHeldByANodeThatDiesIsPassedOverThenSentOnce() throws Exception {
		UUID reminder = dueReminder(client.id(), 7);

		Nodes.whileAnotherHolds(transactions,
				() -> jdbc.sql("select id from appointment_reminder where id = :id for update")
					.param("id", reminder)
					.query(UUID.class)
					.single(),
				otherNode::sendDue);
		assertThat(sentAt(reminder)).as("held by the node that died").isFalse();

		otherNode.sendDue();
		reminders.sendDue();
		assertThat(sentAt(reminder)).isTrue();
		assertThat(
				count("select count(*) from mail_outbox where dedupe_key in (:ids)", List.of("reminder:" + reminder)))
			.isEqualTo(1);
	}

	/** A reminder of the booked session that is due now, for one party and lead. */
	private UUID dueReminder(UUID party, int leadMinutes) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into appointment_reminder (id, appointment_id, account_id, lead_minutes, starts_at, due_at)
				values (:id, :appointment, :account, :lead, :start, :due)""")
			.param("id", id)
			.param("appointment", appointment)
			.param("account", party)
			.param("lead", leadMinutes)
			.param("start", Timestamps.utc(start))
			.param("due", Timestamps.utc(clock.instant().minusSeconds(1)))
			.update();
		return id;
	}

	private boolean sentAt(UUID reminder) {
		return jdbc.sql("select sent_at is not null from appointment_reminder where id = :id")
			.param("id", reminder)
			.query(Boolean.class)
			.single();
	}

	private long count(String sql, List<?> ids) {
		return jdbc.sql(sql).param("ids", ids).query(Long.class).single();
	}

	private static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<MimeMessage> reminderMails(TestAccount account) {
		return TestMail.to(account.email()).stream().filter(m -> TestMail.subject(m).startsWith("Reminder")).toList();
	}

}

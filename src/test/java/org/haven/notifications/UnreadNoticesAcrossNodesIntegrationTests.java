package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.TestMessages;
import org.haven.notifications.internal.NotificationProperties;
import org.haven.notifications.internal.UnreadNotices;
import org.haven.scheduling.TestPractice;
import org.haven.shared.mail.MailOutbox;
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
 * Two nodes running the due unread checks at the same moment: each recipient is told
 * once; a check a node was holding when it died is run after all.
 */
class UnreadNoticesAcrossNodesIntegrationTests extends IntegrationTest {

	private static final int RECIPIENTS = 200;

	private static final String SUBJECT = "Something new in Haven";

	@Autowired
	ApplicationContext context;

	@Autowired
	UnreadNotices notices;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	NotificationProperties properties;

	UnreadNotices otherNode;

	@BeforeEach
	void startOtherNode() {
		otherNode = Nodes.another(context, UnreadNotices.class);
	}

	@AfterEach
	void stopOtherNode() {
		Nodes.stop(context, otherNode);
	}

	@Test
	void twoHundredDueChecksAreEachRunOnceByTwoNodesAtOnce() throws Exception {
		List<TestAccount> clients = clientsWithAMessageUnread(RECIPIENTS);
		clock.advance(properties.unreadDelay());

		List<Integer> sent = Nodes.atOnce(() -> Nodes.drain(notices::sendDue), () -> Nodes.drain(otherNode::sendDue));

		System.out.printf("Unread notices across nodes: node A queued %d, node B queued %d, of %d due%n", sent.get(0),
				sent.get(1), RECIPIENTS);
		assertThat(sent.get(0) + sent.get(1)).isLessThanOrEqualTo(RECIPIENTS);
		assertThat(pendingChecks(clients)).isZero();
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> clients.stream().allMatch(c -> !unreadMails(c).isEmpty()));
		notices.sendDue();
		otherNode.sendDue();
		outbox.deliverDue();
		int received = clients.stream().mapToInt(c -> unreadMails(c).size()).sum();
		System.out.printf("Unread notices across nodes: %d mails received for %d recipients (%d duplicates)%n",
				received, RECIPIENTS, received - RECIPIENTS);
		Set<String> messageIds = new HashSet<>();
		for (TestAccount client : clients) {
			assertThat(unreadMails(client)).as(client.email()).hasSize(1);
			messageIds.add(messageId(unreadMails(client).get(0)));
		}
		assertThat(messageIds).hasSize(RECIPIENTS);
	}

	@Test
	void aCheckHeldByANodeThatDiesIsPassedOverThenRunOnce() throws Exception {
		TestAccount client = clientsWithAMessageUnread(1).get(0);
		clock.advance(properties.unreadDelay());

		int queuedMeanwhile = Nodes.whileAnotherHolds(transactions,
				() -> jdbc.sql("select account_id from unread_check where account_id = :a for update")
					.param("a", client.id())
					.query(UUID.class)
					.single(),
				otherNode::sendDue);

		assertThat(queuedMeanwhile).isZero();
		assertThat(pendingChecks(List.of(client))).isEqualTo(1);
		otherNode.sendDue();
		notices.sendDue();
		TestMail.awaitMail(client.email(), 1);
		assertThat(pendingChecks(List.of(client))).isZero();
		outbox.deliverDue();
		assertThat(unreadMails(client)).hasSize(1);
	}

	/**
	 * Clients in care with one therapist, each with a message from the therapist that
	 * they have not read; returns once every check is scheduled.
	 */
	private List<TestAccount> clientsWithAMessageUnread(int count) {
		TestPractice practice = TestPractice.open(context, uniqueEmail("nodes-unread-therapist"));
		List<String> emails = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			emails.add(uniqueEmail("nodes-unread-client"));
		}
		List<TestAccount> clients = practice.accounts().clients(emails);
		TestCare care = practice.care();
		TestMessages messages = TestMessages.in(context);
		UUID therapist = practice.therapist().id();
		for (TestAccount client : clients) {
			UUID conversation = care.startCare(client.id(), therapist,
					IntakeAnswers.video(TestPractice.INTAKE_REASON, "US-NY", "Albany", "Kim 555 0101"));
			care.signConsent(client.id(), "Test Client");
			messages.chat(therapist, conversation, "See you on Tuesday");
		}
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pendingChecks(clients) == count);
		return clients;
	}

	private long pendingChecks(List<TestAccount> accounts) {
		return jdbc.sql("select count(*) from unread_check where account_id in (:a)")
			.param("a", accounts.stream().map(TestAccount::id).toList())
			.query(Long.class)
			.single();
	}

	private static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<MimeMessage> unreadMails(TestAccount account) {
		return TestMail.to(account.email()).stream().filter(m -> SUBJECT.equals(TestMail.subject(m))).toList();
	}

}

package org.haven.shared.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.support.IntegrationTest;
import org.haven.support.Nodes;
import org.haven.support.TestMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Two nodes delivering the one outbox at the same moment: each mail reaches the SMTP
 * server once, and a mail leased by a node that died goes out once its lease runs out.
 */
class MailOutboxAcrossNodesIntegrationTests extends IntegrationTest {

	private static final int MAILS = 200;

	@Autowired
	ApplicationContext context;

	@Autowired
	Mailer mailer;

	@Autowired
	MailOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	MailOutbox otherNode;

	@BeforeEach
	void startOtherNode() {
		otherNode = Nodes.another(context, MailOutbox.class);
	}

	@AfterEach
	void stopOtherNode() {
		Nodes.stop(context, otherNode);
	}

	@Test
	void twoHundredDueMailsAreEachSentOnceByTwoNodesDeliveringAtOnce() throws Exception {
		List<String> recipients = new ArrayList<>();
		// Queued while the server is away, so that they are all due together when it is
		// back.
		TestMail.stop();
		try {
			for (int i = 0; i < MAILS; i++) {
				String to = "nodes-" + i + "-" + UUID.randomUUID() + "@example.test";
				recipients.add(to);
				mailer.send(to, "Across nodes", "Mail " + i);
			}
		}
		finally {
			TestMail.restart();
		}
		clock.advance(Duration.ofMinutes(1));

		List<Integer> sent = Nodes.atOnce(outbox::deliverDue, otherNode::deliverDue);

		System.out.printf("Mail outbox across nodes: node A sent %d, node B sent %d, of %d due%n", sent.get(0),
				sent.get(1), MAILS);
		assertThat(sent.get(0) + sent.get(1)).isLessThanOrEqualTo(MAILS);
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> recipients.stream().allMatch(to -> !TestMail.to(to).isEmpty()));
		outbox.deliverDue();
		otherNode.deliverDue();
		int arrived = recipients.stream().mapToInt(to -> TestMail.to(to).size()).sum();
		System.out.printf("Mail outbox across nodes: %d mails received for %d queued (%d duplicates)%n", arrived, MAILS,
				arrived - MAILS);
		Set<String> messageIds = new HashSet<>();
		for (String to : recipients) {
			List<MimeMessage> received = TestMail.to(to);
			assertThat(received).as(to).hasSize(1);
			messageIds.add(messageId(received.get(0)));
		}
		assertThat(messageIds).hasSize(MAILS);
		assertThat(jdbc.sql("select count(*) from mail_outbox where recipient in (:to) and sent_at is not null")
			.param("to", recipients)
			.query(Long.class)
			.single()).isEqualTo(MAILS);
	}

	/**
	 * A node leased a mail and died before sending it: no node sends it while the lease
	 * lasts, and one node sends it once the lease has run out.
	 */
	@Test
	void aMailLeasedByANodeThatDiedGoesOutOnceItsLeaseRunsOut() throws Exception {
		String to = "nodes-lease-" + UUID.randomUUID() + "@example.test";
		TestMail.stop();
		try {
			mailer.send(to, "Across nodes", "Leased and left");
			// The attempt the send asked for fails first; then the mail waits its pause.
			awaitAttempts(to, 1);
		}
		finally {
			TestMail.restart();
		}
		leaseFor(to, "2 minutes");
		clock.advance(Duration.ofMinutes(1));

		Nodes.atOnce(outbox::deliverDue, otherNode::deliverDue);
		assertThat(TestMail.to(to)).as("the dead node's lease still holds").isEmpty();

		// The lease runs on the database's clock: as if it had been taken two minutes
		// ago.
		leaseFor(to, "-1 second");
		Nodes.atOnce(outbox::deliverDue, otherNode::deliverDue);
		TestMail.awaitMail(to, 1);
		outbox.deliverDue();
		otherNode.deliverDue();
		assertThat(TestMail.to(to)).hasSize(1);
	}

	/**
	 * A node that read its list of due mail before another node's attempt failed does not
	 * try the mail again before its pause.
	 */
	@Test
	void aMailThatFailedMeanwhileIsNotLeasedBeforeItsPause() {
		String to = "nodes-stale-" + UUID.randomUUID() + "@example.test";
		TestMail.stop();
		try {
			mailer.send(to, "Across nodes", "Failed once");
			awaitAttempts(to, 1);
		}
		finally {
			TestMail.restart();
		}
		UUID id = jdbc.sql("select id from mail_outbox where recipient = :to")
			.param("to", to)
			.query(UUID.class)
			.single();

		assertThat(otherNode.lease(id)).isFalse();
		clock.advance(Duration.ofMinutes(1));
		assertThat(otherNode.lease(id)).isTrue();
	}

	/** The mail as a node left it that leased it and died. */
	private void leaseFor(String to, String interval) {
		jdbc.sql("update mail_outbox set lease_until = now() + cast(:interval as interval) where recipient = :to")
			.param("interval", interval)
			.param("to", to)
			.update();
	}

	/**
	 * A node whose clock runs ahead of the others (here: by an hour) does not take a mail
	 * another node has leased and is still sending.
	 */
	@Test
	void aNodeWhoseClockIsAheadDoesNotTakeAMailAnotherNodeIsSending() {
		String to = "nodes-skew-" + UUID.randomUUID() + "@example.test";
		TestMail.stop();
		try {
			mailer.send(to, "Across nodes", "Being sent");
			awaitAttempts(to, 1);
		}
		finally {
			TestMail.restart();
		}
		clock.advance(Duration.ofMinutes(1));
		UUID id = jdbc.sql("select id from mail_outbox where recipient = :to")
			.param("to", to)
			.query(UUID.class)
			.single();
		assertThat(outbox.lease(id)).isTrue();

		clock.advance(Duration.ofHours(1));
		assertThat(otherNode.lease(id)).isFalse();
		assertThat(TestMail.to(to)).isEmpty();
	}

	private void awaitAttempts(String to, int attempts) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select attempts from mail_outbox where recipient = :to")
				.param("to", to)
				.query(Integer.class)
				.single() >= attempts);
	}

	private static String messageId(MimeMessage mail) {
		try {
			return mail.getMessageID();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

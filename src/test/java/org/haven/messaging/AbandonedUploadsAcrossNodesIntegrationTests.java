package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.haven.messaging.internal.Attachments;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Member;
import org.haven.shared.jobs.JobLock;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.Nodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes cleaning up abandoned uploads at the same moment: every upload is removed,
 * once; a node that finds the clean-up running elsewhere skips its round.
 */
class AbandonedUploadsAcrossNodesIntegrationTests extends IntegrationTest {

	private static final int UPLOADS = 200;

	private static final byte[] PDF = "%PDF-1.4\n% a page nobody sent\n".getBytes(StandardCharsets.US_ASCII);

	@Autowired
	ApplicationContext context;

	@Autowired
	Attachments attachments;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Attachments otherNode;

	ChatFixture chat;

	@BeforeEach
	void setUp() {
		otherNode = Nodes.another(context, Attachments.class);
		chat = ChatFixture.create(context, uniqueEmail("uploads-therapist"), uniqueEmail("uploads-client"));
		TestMessages.in(context).open(chat.client().id(), chat.conversation());
	}

	@AfterEach
	void tearDown() {
		Nodes.stop(context, otherNode);
	}

	@Test
	void twoHundredAbandonedUploadsAreEachRemovedOnceByTwoNodesAtOnce() throws Exception {
		upload(UPLOADS);
		clock.advance(Duration.ofDays(1).plusMinutes(1));
		long abandoned = abandonedEverywhere();

		List<Integer> removed = Nodes.atOnce(attachments::removeAbandoned, otherNode::removeAbandoned);

		System.out.printf("Abandoned uploads across nodes: node A removed %d, node B removed %d, of %d%n",
				removed.get(0), removed.get(1), abandoned);
		assertThat(uploadsLeft()).isZero();
		assertThat(removed.get(0) + removed.get(1)).as("uploads the nodes say they removed")
			.isLessThanOrEqualTo((int) abandoned);
	}

	/**
	 * While a node runs the clean-up, another skips its round; the lock goes with the
	 * first node's transaction, and the next round removes what it left.
	 */
	@Test
	void aNodeSkipsTheCleanUpAnotherIsRunningAndTheNextRoundDoesIt() throws Exception {
		upload(3);
		clock.advance(Duration.ofDays(1).plusMinutes(1));

		int removedMeanwhile = Nodes.whileAnotherHolds(transactions,
				() -> assertThat(JobLock.tryHold(jdbc, "messaging.abandoned-uploads")).isTrue(),
				otherNode::removeAbandoned);

		assertThat(removedMeanwhile).isZero();
		assertThat(uploadsLeft()).isEqualTo(3);
		assertThat(otherNode.removeAbandoned()).isGreaterThanOrEqualTo(3);
		assertThat(uploadsLeft()).isZero();
	}

	private void upload(int count) {
		Member member = context.getBean(ConversationStore.class)
			.member(chat.client().id(), chat.conversation())
			.orElseThrow();
		for (int i = 0; i < count; i++) {
			attachments.upload(member, Attachments.prepare("page-" + i + ".pdf", PDF));
		}
	}

	private long uploadsLeft() {
		return jdbc.sql("select count(*) from message_attachment where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Long.class)
			.single();
	}

	private long abandonedEverywhere() {
		return jdbc.sql(
				"select count(*) from message_attachment where item_seq is null and draft_id is null and created_at < :before")
			.param("before", Timestamps.utc(clock.instant().minus(Duration.ofDays(1))))
			.query(Long.class)
			.single();
	}

}

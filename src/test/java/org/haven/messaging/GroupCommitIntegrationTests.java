package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Item;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.Posting;
import org.haven.messaging.internal.Posting.NewChat;
import org.haven.messaging.internal.Posting.Outcome;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.TestImages;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.support.WebSession.FilePart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Chat messages stored in groups (one transaction for everything the writer took at
 * once).
 */
class GroupCommitIntegrationTests extends ConversationTest {

	@Autowired
	ConversationStore store;

	@Autowired
	Posting posting;

	@Autowired
	FieldEncryption encryption;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aGroupIsNumberedPerConversationInOrderAndOneBadMessageFailsOnlyItself() {
		ChatFixture a = fixture("group-a");
		ChatFixture b = fixture("group-b");
		ChatFixture ended = fixture("group-ended");
		posting.post(member(a, a.client()), "k0", Item.Kind.CHAT, "before the group", null, List.of());
		Member endedClient = member(ended, ended.client());
		store.close(ended.conversation());
		// The message before the group scheduled a check of a's therapist when it was
		// stored: the group leaves it as it is.
		Object therapistDue = pendingCheck(a.therapist());
		assertThat(therapistDue).isNotNull();

		List<Outcome> outcomes = transactions.execute(status -> {
			List<Outcome> stored = posting.postChats(List.of(new NewChat(member(a, a.client()), "k1", "first in a"),
					new NewChat(member(b, b.therapist()), "k1", "first in b"),
					new NewChat(member(a, a.therapist()), "k2", "second in a"),
					new NewChat(endedClient, "k3", "to an ended conversation"),
					new NewChat(member(a, a.client()), "k1", "first in a"),
					new NewChat(member(a, a.client()), "k0", "before the group")));
			// Inside the group's transaction: its recipients' unread checks are
			// scheduled there, with no event publication to complete later.
			assertThat(pendingCheck(b.client())).isNotNull();
			assertThat(publications("%" + a.conversation() + "%", "%")).isZero();
			return stored;
		});

		assertThat(outcomes.get(0).posted().item().seq()).isEqualTo(2);
		assertThat(outcomes.get(0).posted().duplicate()).isFalse();
		assertThat(outcomes.get(1).posted().item().seq()).isEqualTo(1);
		assertThat(outcomes.get(2).posted().item().seq()).isEqualTo(3);
		assertThat(outcomes.get(3).posted()).isNull();
		assertThat(outcomes.get(3).refusal().code()).isEqualTo("closed");
		// A resend inside the group, and one of a message stored before it: the stored
		// ones, nothing new.
		assertThat(outcomes.get(4).posted().duplicate()).isTrue();
		assertThat(outcomes.get(4).posted().item().seq()).isEqualTo(2);
		assertThat(outcomes.get(5).posted().duplicate()).isTrue();
		assertThat(outcomes.get(5).posted().item().seq()).isEqualTo(1);
		assertThat(outcomes.get(5).posted().item().text()).isEqualTo("before the group");

		assertThat(lastSeq(a)).isEqualTo(3);
		assertThat(lastSeq(b)).isEqualTo(1);
		assertThat(lastSeq(ended)).isZero();
		assertThat(texts(a)).containsExactly("before the group", "first in a", "second in a");
		assertThat(texts(b)).containsExactly("first in b");
		assertThat(texts(ended)).isEmpty();
		assertThat(jdbc.sql("select body from conversation_item where conversation_id = :c and seq = 2")
			.param("c", a.conversation())
			.query(String.class)
			.single()).doesNotContain("first in a");

		// The group's event scheduled one unread check for each of its three recipients.
		assertThat(pendingCheck(a.therapist())).isEqualTo(therapistDue);
		for (TestAccount recipient : List.of(a.client(), a.therapist(), b.client())) {
			assertThat(jdbc.sql("select count(*) from unread_check where account_id = :a")
				.param("a", recipient.id())
				.query(Integer.class)
				.single()).as(recipient.email()).isEqualTo(1);
		}
	}

	@Test
	void aLargeGroupIsStoredAtOnceAndItsUnreadChecksCommitOrRollBackWithIt() {
		ChatFixture chat = fixture("group-large");
		List<NewChat> group = new ArrayList<>();
		for (int i = 0; i < 128; i++) {
			group.add(new NewChat(member(chat, i % 2 == 0 ? chat.client() : chat.therapist()), "large-" + i,
					"message " + i));
		}
		// A group whose transaction rolls back leaves neither its messages nor their
		// checks.
		transactions.executeWithoutResult(status -> {
			posting.postChats(group);
			assertThat(pendingCheck(chat.client())).isNotNull();
			status.setRollbackOnly();
		});
		assertThat(lastSeq(chat)).isZero();
		assertThat(pendingCheck(chat.client())).isNull();
		assertThat(pendingCheck(chat.therapist())).isNull();

		List<Outcome> outcomes = transactions.execute(status -> posting.postChats(group));
		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.refusal()).isNull());
		assertThat(outcomes.get(127).posted().item().seq()).isEqualTo(128);
		assertThat(lastSeq(chat)).isEqualTo(128);
		assertThat(pendingCheck(chat.client())).isNotNull();
		assertThat(pendingCheck(chat.therapist())).isNotNull();
		assertThat(publications("%" + chat.conversation() + "%", "%")).isZero();
	}

	@Test
	void aConnectionsMessagesKeepTheirOrderWithFilesAmongThem() {
		ChatFixture chat = fixture("group-order");
		WebSession client = signedIn(chat.client());
		String page = "/messages/" + chat.conversation();
		client.get(page);
		String picture = TestSocket.JSON
			.readTree(
					client
						.postMultipart(page + "/attachments", Map.of(),
								new FilePart("file", "p.png", "image/png", TestImages.png(4, 4)))
						.body())
			.path("id")
			.asString();
		TestSocket therapist = opened(chat, chat.therapist());
		TestSocket socket = opened(chat, chat.client());

		socket.send(chat.message("o1", "one"));
		socket.send(chat.message("o2", "two").set("attachments", TestSocket.JSON.createArrayNode().add(picture)));
		socket.send(chat.message("o3", "three"));
		socket.send(chat.message("o4", "four"));

		for (int seq = 1; seq <= 4; seq++) {
			JsonNode ack = socket.next("chat-ack");
			assertThat(ack.path("seq").asLong()).isEqualTo(seq);
			JsonNode item = therapist.next("chat-item").path("item");
			assertThat(item.path("seq").asLong()).isEqualTo(seq);
			assertThat(item.path("clientId").asString()).isEqualTo("o" + seq);
			assertThat(item.path("attachments")).hasSize(seq == 2 ? 1 : 0);
		}
		assertThat(texts(chat)).containsExactly("one", "two", "three", "four");
	}

	private Member member(ChatFixture chat, TestAccount account) {
		return store.member(account.id(), chat.conversation()).orElseThrow();
	}

	/**
	 * Event publications (of any state) whose event mentions both patterns.
	 */
	private int publications(String first, String second) {
		return jdbc
			.sql("select count(*) from event_publication where serialized_event like :a and serialized_event like :b")
			.param("a", first)
			.param("b", second)
			.query(Integer.class)
			.single();
	}

	private Object pendingCheck(TestAccount account) {
		return jdbc.sql("select due_at from unread_check where account_id = :a")
			.param("a", account.id())
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
	}

	private long lastSeq(ChatFixture chat) {
		return store.lastSeq(chat.conversation());
	}

	private List<String> texts(ChatFixture chat) {
		return jdbc.sql("select body from conversation_item where conversation_id = :c order by seq")
			.param("c", chat.conversation())
			.query(String.class)
			.list()
			.stream()
			.map(encryption::decrypt)
			.toList();
	}

}

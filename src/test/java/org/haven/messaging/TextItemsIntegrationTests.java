package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.messaging.Conversations.Unread;
import org.haven.messaging.TextMessages.Stored;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.web.Refusal;
import org.haven.support.HtmlChecker;
import org.haven.support.TestModule.TextReplies;
import org.haven.support.TestModule.TextReplies.Heard;
import org.haven.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Texts (SMS) in the conversation (docs/messaging.md, "Texts in the conversation"),
 * through messaging's API as the texting module uses it: stored sealed in the chat
 * timeline as TEXT items, pushed to open chat pages like chat messages, counted unread
 * like them, stored once per key, refused for a conversation that is closed or not the
 * person's, and, for the therapist's replies, announced after the commit to the module
 * that sends them, with their delivery state shown live.
 */
class TextItemsIntegrationTests extends ConversationTest {

	@Autowired
	TextMessages texts;

	@Autowired
	Conversations conversations;

	@Autowired
	TextReplies replies;

	@Autowired
	FieldEncryption encryption;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aTextFromThePhoneIsStoredSealedAndShownInTheOpenChatAndOnReload() {
		ChatFixture chat = fixture("text-in");
		TestSocket therapist = opened(chat, chat.therapist());
		TestSocket client = opened(chat, chat.client());

		String words = "Running late, sorry <b>not bold</b> & **not Markdown**\r\nsee you at 5";
		Stored stored = texts.receivedByText(chat.conversation(), chat.client().id(), words, "smsc-4711");
		assertThat(stored.seq()).isEqualTo(1);
		assertThat(stored.duplicate()).isFalse();

		String shown = "Running late, sorry <b>not bold</b> & **not Markdown**\nsee you at 5";
		for (TestSocket socket : List.of(therapist, client)) {
			JsonNode item = socket.next("chat-item").path("item");
			assertThat(item.path("seq").asLong()).isEqualTo(1);
			assertThat(item.path("kind").asString()).isEqualTo("text");
			assertThat(item.path("author").asString()).isEqualTo("client");
			assertThat(item.path("text").asString()).isEqualTo(shown);
			assertThat(item.path("html").asString()).isEqualTo(
					"<p>Running late, sorry &lt;b&gt;not bold&lt;/b&gt; &amp; **not Markdown**<br>see you at 5</p>");
			assertThat(item.path("at").asString()).isEqualTo(stored.at().toString());
			assertThat(item.has("textState")).isFalse();
			socket.expectNothingElse();
		}

		String body = jdbc.sql("select body from conversation_item where conversation_id = :c and seq = 1")
			.param("c", chat.conversation())
			.query(String.class)
			.single();
		assertThat(body).doesNotContain("late").doesNotContain("see you");
		assertThat(encryption.decrypt(body)).isEqualTo(shown);
		assertThat(kind(chat, 1)).isEqualTo("TEXT");

		// A page opened later reads it from the timeline.
		TestSocket later = connect(chat.therapist());
		later.send(chat.frame("chat-open"));
		later.next("chat-opened");
		JsonNode items = later.next("chat-items").path("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).path("kind").asString()).isEqualTo("text");
		assertThat(items.get(0).path("text").asString()).isEqualTo(shown);

		// A text stays as it reached the phone: not changed, not removed.
		client.send(chat.frame("chat-edit").put("seq", 1).put("text", "changed"));
		client.nextError("not-allowed");
		client.send(chat.frame("chat-delete").put("seq", 1));
		client.nextError("not-allowed");
		assertThat(audit(chat, "TEXT_RECEIVED")).containsExactly("account:" + chat.client().id() + " seq 1");

		// The client's copy of the conversation says so too, in valid markup.
		String export = signedIn(chat.client()).get("/messages/" + chat.conversation() + "/export").body();
		assertThat(export).contains("· by text message (SMS)")
			.contains("sorry &lt;b&gt;not bold&lt;/b&gt; &amp; **not Markdown**<br>see you at 5")
			.doesNotContain("<b>not bold");
		assertThat(HtmlChecker.shared().check(export)).as("the downloaded conversation").isEmpty();
	}

	@Test
	void theSameTextTwiceIsStoredOnceAndPushedOnce() {
		ChatFixture chat = fixture("text-twice");
		TestSocket therapist = opened(chat, chat.therapist());
		Stored first = texts.receivedByText(chat.conversation(), chat.client().id(), "Are you there?", "msg-1");
		Stored again = texts.receivedByText(chat.conversation(), chat.client().id(), "Are you there?", "msg-1");
		assertThat(again).isEqualTo(new Stored(first.seq(), first.at(), true));

		// A key longer than a client key holds is kept as its digest: still one item.
		String longKey = "smsc-a/" + "0123456789".repeat(8);
		Stored second = texts.receivedByText(chat.conversation(), chat.client().id(), "Hello?", longKey);
		assertThat(texts.receivedByText(chat.conversation(), chat.client().id(), "Hello?", longKey).seq())
			.isEqualTo(second.seq())
			.isEqualTo(2);

		assertThat(therapist.next("chat-item").path("item").path("seq").asLong()).isEqualTo(1);
		assertThat(therapist.next("chat-item").path("item").path("seq").asLong()).isEqualTo(2);
		therapist.expectNothingElse();
		assertThat(count(chat)).isEqualTo(2);
		assertThat(audit(chat, "TEXT_RECEIVED")).hasSize(2);
	}

	@Test
	void aClosedForeignOrUnknownConversationRefusesAndStoresNothing() {
		ChatFixture chat = fixture("text-refused");
		ChatFixture other = fixture("text-other");
		UUID conversation = chat.conversation();

		refused(() -> texts.receivedByText(conversation, other.client().id(), "Hi", "k1"), "not-found");
		refused(() -> texts.receivedByText(conversation, chat.therapist().id(), "Hi", "k2"), "not-found");
		refused(() -> texts.receivedByText(UUID.randomUUID(), chat.client().id(), "Hi", "k3"), "not-found");
		refused(() -> texts.sentByText(conversation, chat.client().id(), "Hi", "k4"), "not-found");
		refused(() -> texts.sentByText(conversation, other.therapist().id(), "Hi", "k5"), "not-found");
		refused(() -> texts.receivedByText(conversation, chat.client().id(), " \r\n\u0007", "k6"), "bad-field");
		refused(() -> texts.sentByText(conversation, chat.therapist().id(), "Hi", ""), "bad-field");

		chat.practice().care().end(chat.therapist().id(), conversation);
		refused(() -> texts.receivedByText(conversation, chat.client().id(), "Hi", "k7"), "closed");
		refused(() -> texts.sentByText(conversation, chat.therapist().id(), "Hi", "k8"), "closed");

		assertThat(count(chat)).isZero();
		assertThat(jdbc.sql("select last_seq from conversation where id = :c")
			.param("c", conversation)
			.query(Long.class)
			.single()).isZero();
		assertThat(texts.textOf(conversation, 1)).isEmpty();
		assertThat(replies.of(conversation)).isEmpty();
	}

	@Test
	void textsAreUnreadUntilReadLikeChatAndScheduleTheUnreadNotice() {
		ChatFixture chat = fixture("text-unread");
		texts.receivedByText(chat.conversation(), chat.client().id(), "First", "u-1");
		TestSocket client = opened(chat, chat.client());
		client.send(chat.message("c-1", "And a chat message"));
		client.next("chat-ack");
		texts.receivedByText(chat.conversation(), chat.client().id(), "Third", "u-3");
		client.next("chat-item");

		assertThat(conversations.unread(chat.therapist().id()))
			.containsExactly(new Unread(chat.conversation(), false, 3, 3, 0));
		assertThat(jdbc.sql("select count(*) from unread_check where account_id = :a")
			.param("a", chat.therapist().id())
			.query(Integer.class)
			.single()).isEqualTo(1);

		// The therapist's page reads up to the second; then everything.
		TestSocket therapist = opened(chat, chat.therapist());
		therapist.send(chat.frame("chat-receipt").put("read", 2));
		assertThat(client.next("chat-receipt").path("read").asLong()).isEqualTo(2);
		assertThat(conversations.unread(chat.therapist().id()))
			.containsExactly(new Unread(chat.conversation(), false, 3, 1, 0));
		therapist.send(chat.frame("chat-receipt").put("read", 3));
		client.next("chat-receipt");
		assertThat(conversations.unread(chat.therapist().id())).isEmpty();

		// The therapist's reply by text is unread for the client like a chat message.
		texts.sentByText(chat.conversation(), chat.therapist().id(), "Thanks for letting me know", "r-1");
		assertThat(conversations.unread(chat.client().id()))
			.containsExactly(new Unread(chat.conversation(), true, 4, 1, 0));
	}

	@Test
	void aReplyByTextIsPushedAndAnnouncedToTheSenderOnceAfterItsCommit() {
		ChatFixture chat = fixture("text-reply");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());

		Stored stored = texts.sentByText(chat.conversation(), chat.therapist().id(), "See you on Tuesday at 10",
				"reply-1");
		for (TestSocket socket : List.of(client, therapist)) {
			JsonNode item = socket.next("chat-item").path("item");
			assertThat(item.path("kind").asString()).isEqualTo("text");
			assertThat(item.path("author").asString()).isEqualTo("therapist");
			assertThat(item.path("clientId").asString()).isEqualTo("reply-1");
			assertThat(item.path("text").asString()).isEqualTo("See you on Tuesday at 10");
		}
		List<Heard> heard = heardFor(chat, 1);
		assertThat(heard.get(0).event()).isEqualTo(new TextReplyPosted(chat.conversation(), stored.seq(),
				chat.therapist().id(), chat.client().id(), stored.at()));
		// The listener found the words: it ran after the commit.
		assertThat(heard.get(0).text()).isEqualTo("See you on Tuesday at 10");
		assertThat(audit(chat, "CONVERSATION_READ")).contains("system text 1 to send");
		assertThat(audit(chat, "TEXT_REPLY_STORED")).containsExactly("account:" + chat.therapist().id() + " seq 1");

		// The same key again (a double click, a retry): the first item, no second text.
		assertThat(texts.sentByText(chat.conversation(), chat.therapist().id(), "See you on Tuesday at 10", "reply-1"))
			.isEqualTo(new Stored(stored.seq(), stored.at(), true));
		client.expectNothingElse();

		// Inside a caller's transaction: nothing is pushed or announced before its
		// commit,
		// and nothing at all when it rolls back.
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.executeWithoutResult(status -> {
			texts.sentByText(chat.conversation(), chat.therapist().id(), "Rolled back", "reply-2");
			client.expectNothingElse();
			status.setRollbackOnly();
		});
		transaction.executeWithoutResult(status -> {
			texts.sentByText(chat.conversation(), chat.therapist().id(), "Committed", "reply-3");
			client.expectNothingElse();
		});
		JsonNode committed = client.next("chat-item").path("item");
		assertThat(committed.path("text").asString()).isEqualTo("Committed");
		assertThat(committed.path("seq").asLong()).isEqualTo(2);
		client.expectNothingElse();

		assertThat(heardFor(chat, 2)).extracting(h -> h.event().seq(), Heard::text)
			.containsExactly(tuple(1L, "See you on Tuesday at 10"), tuple(2L, "Committed"));
		assertThat(count(chat)).isEqualTo(2);
	}

	@Test
	void deliveryStatesArePushedAsChangesShownOnReloadAndNeverGoBack() {
		ChatFixture chat = fixture("text-state");
		TestSocket therapist = opened(chat, chat.therapist());
		Stored reply = texts.sentByText(chat.conversation(), chat.therapist().id(), "Reminder: session at 10",
				"state-1");
		JsonNode sent = therapist.next("chat-item").path("item");
		assertThat(sent.has("textState")).isFalse();

		texts.textState(chat.conversation(), reply.seq(), "SUBMITTED");
		JsonNode submitted = therapist.next("chat-item").path("item");
		assertThat(submitted.path("seq").asLong()).isEqualTo(reply.seq());
		assertThat(submitted.path("textState").asString()).isEqualTo("SUBMITTED");
		assertThat(submitted.path("rev").asLong()).isEqualTo(2);
		texts.textState(chat.conversation(), reply.seq(), "DELIVERED");
		assertThat(therapist.next("chat-item").path("item").path("textState").asString()).isEqualTo("DELIVERED");

		// A late report, or the same one again, changes nothing and is not pushed.
		texts.textState(chat.conversation(), reply.seq(), "SUBMITTED");
		texts.textState(chat.conversation(), reply.seq(), "DELIVERED");
		therapist.expectNothingElse();

		// On reload, and to a page catching up from before the change.
		TestSocket later = connect(chat.therapist());
		later.send(chat.frame("chat-open"));
		later.next("chat-opened");
		assertThat(later.next("chat-items").path("items").get(0).path("textState").asString()).isEqualTo("DELIVERED");
		later.send(chat.frame("chat-sync").put("after", 1));
		JsonNode changes = later.next("chat-items").path("items");
		assertThat(changes).hasSize(1);
		assertThat(changes.get(0).path("textState").asString()).isEqualTo("DELIVERED");
		assertThat(changes.get(0).path("rev").asLong()).isEqualTo(3);

		// Only a known state, only for a text Haven sent; and still once care has ended.
		assertThatThrownBy(() -> texts.textState(chat.conversation(), reply.seq(), "READ"))
			.isInstanceOf(IllegalArgumentException.class);
		Stored incoming = texts.receivedByText(chat.conversation(), chat.client().id(), "Thanks", "in-1");
		therapist.next("chat-item");
		refused(() -> texts.textState(chat.conversation(), incoming.seq(), "DELIVERED"), "not-found");
		refused(() -> texts.textState(chat.conversation(), 99, "DELIVERED"), "not-found");
		assertThat(texts.textOf(chat.conversation(), incoming.seq())).contains("Thanks");

		chat.practice().care().end(chat.therapist().id(), chat.conversation());
		texts.textState(chat.conversation(), reply.seq(), "UNCONFIRMED");
		assertThat(therapist.next("chat-item").path("item").path("textState").asString()).isEqualTo("UNCONFIRMED");
		assertThat(jdbc.sql("select text_state from conversation_item where conversation_id = :c and seq = :s")
			.param("c", chat.conversation())
			.param("s", reply.seq())
			.query(String.class)
			.single()).isEqualTo("UNCONFIRMED");
	}

	// Helpers

	/**
	 * Waits until every publication is handled, then the events heard, exactly so many.
	 */
	private List<Heard> heardFor(ChatFixture chat, int expected) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> replies.of(chat.conversation()).size() >= expected && jdbc.sql(
					"select count(*) from event_publication where serialized_event like :c and completion_date is null")
				.param("c", "%" + chat.conversation() + "%")
				.query(Integer.class)
				.single() == 0);
		List<Heard> heard = replies.of(chat.conversation());
		assertThat(heard).hasSize(expected);
		return heard;
	}

	private static void refused(Runnable call, String code) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class,
				refusal -> assertThat(refusal.code()).isEqualTo(code));
	}

	private int count(ChatFixture chat) {
		return jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Integer.class)
			.single();
	}

	private String kind(ChatFixture chat, long seq) {
		return jdbc.sql("select kind from conversation_item where conversation_id = :c and seq = :s")
			.param("c", chat.conversation())
			.param("s", seq)
			.query(String.class)
			.single();
	}

	private List<String> audit(ChatFixture chat, String action) {
		return jdbc.sql("select actor || ' ' || detail from audit_entry where action = :a and subject = :s order by id")
			.param("a", action)
			.param("s", "conversation:" + chat.conversation())
			.query(String.class)
			.list();
	}

}

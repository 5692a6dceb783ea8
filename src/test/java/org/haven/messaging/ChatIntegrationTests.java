package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.haven.messaging.internal.Item;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.support.TestSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live chat over a real WebSocket against the running server on PostgreSQL
 * (docs/messaging.md): what is acknowledged is stored (as ciphertext), resends store
 * nothing twice, concurrent senders are ordered, a reconnect receives exactly what it
 * missed, strangers learn nothing, and every bad frame gets its error and stores nothing.
 */
class ChatIntegrationTests extends ConversationTest {

	@Autowired
	FieldEncryption encryption;

	@Test
	void aMessageIsStoredEncryptedAcknowledgedAndPushedToTheOtherParty() {
		ChatFixture chat = fixture("chat-basic");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());

		String text = "I slept badly again **but** I went for a walk 🌿 — שלום";
		String id = client.send(chat.message("c-1", text));
		JsonNode ack = client.next("chat-ack");
		assertThat(ack.path("re").asString()).isEqualTo(id);
		assertThat(ack.path("clientId").asString()).isEqualTo("c-1");
		assertThat(ack.path("seq").asLong()).isEqualTo(1);
		JsonNode pushed = therapist.next("chat-item").path("item");
		assertThat(pushed.path("seq").asLong()).isEqualTo(1);
		assertThat(pushed.path("author").asString()).isEqualTo("client");
		assertThat(pushed.path("text").asString()).isEqualTo(text);
		assertThat(pushed.path("html").asString()).contains("<strong>but</strong>")
			.contains("&#x1f33f;")
			.contains("שלום");
		client.expectNothingElse();

		String stored = jdbc.sql("select body from conversation_item where conversation_id = :c and seq = 1")
			.param("c", chat.conversation())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("slept").doesNotContain("walk");
		assertThat(encryption.decrypt(stored)).isEqualTo(text);
	}

	@Test
	void aLongMessageArrivingInManyPartsIsStoredAndDeliveredWhole() {
		ChatFixture chat = fixture("chat-long");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());

		// 16 KiB of text (some characters of two bytes): far above the 4 KiB characters
		// Tomcat buffers per connection, so the frame reaches Haven in parts.
		String text = ("é" + "x".repeat(1022)).repeat(16);
		assertThat(text.getBytes(StandardCharsets.UTF_8)).hasSize(16 * 1024);
		client.send(chat.message("long", text));
		assertThat(client.next("chat-ack").path("seq").asLong()).isEqualTo(1);
		assertThat(therapist.next("chat-item").path("item").path("text").asString()).isEqualTo(text);
	}

	@Test
	void aResendWithTheSameClientIdStoresOneMessage() {
		ChatFixture chat = fixture("chat-resend");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());
		client.send(chat.message("same-id", "Are you there?"));
		long seq = client.next("chat-ack").path("seq").asLong();
		therapist.next("chat-item");

		// The connection dropped before the ack arrived: the page sends again, on a new
		// connection.
		client.close();
		TestSocket again = opened(chat, chat.client());
		again.send(chat.message("same-id", "Are you there?"));
		JsonNode ack = again.next("chat-ack");
		assertThat(ack.path("seq").asLong()).isEqualTo(seq);
		therapist.expectNothingElse();
		assertThat(count(chat)).isEqualTo(1);
	}

	@Test
	void concurrentSendersGetOneOrderEveryoneSeesInOrder() throws Exception {
		ChatFixture chat = fixture("chat-order");
		TestSocket clientPhone = opened(chat, chat.client());
		TestSocket clientLaptop = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());
		TestSocket observer = opened(chat, chat.therapist());

		int each = 10;
		List<CompletableFuture<Void>> senders = new ArrayList<>();
		for (TestSocket sender : List.of(clientPhone, clientLaptop, therapist)) {
			String name = Integer.toHexString(System.identityHashCode(sender));
			senders.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; i < each; i++) {
					sender.send(chat.message(name + "-" + i, name + " message " + i));
				}
			}));
		}
		CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).join();

		// The observer (a second tab of the therapist) sent nothing, so it receives all
		// 30, in sequence order.
		List<Long> seen = new ArrayList<>();
		for (int i = 0; i < 3 * each; i++) {
			seen.add(observer.next("chat-item").path("item").path("seq").asLong());
		}
		assertThat(seen).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(range(1, 3 * each));
		observer.expectNothingElse();

		// Each sender sees the other senders' items in order too, interleaved with its
		// own acks.
		for (TestSocket sender : List.of(clientPhone, clientLaptop, therapist)) {
			List<Long> order = new ArrayList<>();
			for (int i = 0; i < 3 * each; i++) {
				JsonNode frame = sender.next();
				order.add(frame.path("type").asString().equals("chat-ack") ? frame.path("seq").asLong()
						: frame.path("item").path("seq").asLong());
			}
			assertThat(order).isSorted().containsExactlyElementsOf(range(1, 3 * each));
		}
		List<Long> stored = jdbc.sql("select seq from conversation_item where conversation_id = :c order by seq")
			.param("c", chat.conversation())
			.query(Long.class)
			.list();
		assertThat(stored).containsExactlyElementsOf(range(1, 3 * each));
	}

	@Test
	void aReconnectWithTheLastSequenceReceivesExactlyWhatWasMissed() {
		ChatFixture chat = fixture("chat-reconnect");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());
		client.send(chat.message("r-1", "one"));
		client.next("chat-ack");
		long lastSeen = therapist.next("chat-item").path("item").path("seq").asLong();
		client.send(chat.message("r-2", "two"));
		client.next("chat-ack");
		therapist.next("chat-item");

		therapist.close();
		client.send(chat.frame("chat-edit").put("seq", 2).put("text", "two, edited"));
		client.next("chat-ack");
		client.send(chat.message("r-3", "three"));
		client.next("chat-ack");
		client.send(chat.message("r-4", "four"));
		client.next("chat-ack");

		TestSocket back = connect(chat.therapist());
		back.send(chat.frame("chat-open").put("after", lastSeen + 1));
		back.next("chat-opened");
		JsonNode items = back.next("chat-items");
		assertThat(ChatFixture.texts(items.path("items"))).containsExactly("two, edited", "three", "four");
		assertThat(items.path("more").asBoolean()).isFalse();
		back.expectNothingElse();
	}

	@Test
	void aClientThatHasSeenMoreThanTheConversationHoldsIsToldToReloadItNotLeftInSilence() {
		ChatFixture chat = fixture("chat-restored");
		TestSocket client = opened(chat, chat.client());
		for (String text : List.of("one", "two", "three")) {
			client.send(chat.message("b-" + text, text));
			client.next("chat-ack");
		}
		client.close();
		// A backup from before the third message is restored: the page has seen seq 3,
		// the database holds 2.
		jdbc.sql("delete from conversation_item where conversation_id = :c and seq = 3")
			.param("c", chat.conversation())
			.update();
		jdbc.sql("update conversation set last_seq = 2 where id = :c").param("c", chat.conversation()).update();

		TestSocket back = connect(chat.client());
		String open = back.send(chat.frame("chat-open").put("after", 3));
		assertThat(back.next("chat-opened").path("lastSeq").asLong()).isEqualTo(2);
		JsonNode reload = back.next("chat-reload");
		assertThat(reload.path("re").asString()).isEqualTo(open);
		assertThat(reload.path("conversation").asString()).isEqualTo(chat.conversation().toString());
		assertThat(reload.path("lastSeq").asLong()).isEqualTo(2);
		String sync = back.send(chat.frame("chat-sync").put("after", 3));
		assertThat(back.next("chat-reload").path("re").asString()).isEqualTo(sync);

		// Reloading from the start, as the page does, gives what the database holds; the
		// next message takes seq 3.
		back.send(chat.frame("chat-open"));
		back.next("chat-opened");
		assertThat(ChatFixture.texts(back.next("chat-items").path("items"))).containsExactly("one", "two");
		back.send(chat.message("b-four", "four"));
		assertThat(back.next("chat-ack").path("seq").asLong()).isEqualTo(3);
		// Up to date is not ahead: asking after the last number is answered as before,
		// with no items.
		back.send(chat.frame("chat-sync").put("after", 3));
		assertThat(back.next("chat-items").path("items")).isEmpty();
		back.expectNothingElse();
	}

	@Test
	void openingWithoutASequenceGivesTheNewestPageAndHistoryPagesBackwards() {
		ChatFixture chat = fixture("chat-pages");
		TestSocket client = opened(chat, chat.client());
		for (int i = 1; i <= 20; i++) {
			client.send(chat.message("p-" + i, "message " + i));
			client.next("chat-ack");
			if (i % 10 == 0) {
				clock.advance(Duration.ofSeconds(10));
			}
		}
		TestSocket therapist = connect(chat.therapist());
		therapist.send(chat.frame("chat-open"));
		assertThat(therapist.next("chat-opened").path("lastSeq").asLong()).isEqualTo(20);
		JsonNode newest = therapist.next("chat-items");
		assertThat(newest.path("items")).hasSize(20);
		therapist.send(chat.frame("chat-history").put("before", 11).put("limit", 4));
		JsonNode page = therapist.next("chat-items");
		assertThat(ChatFixture.texts(page.path("items"))).containsExactly("message 7", "message 8", "message 9",
				"message 10");
		assertThat(page.path("more").asBoolean()).isTrue();
		therapist.send(chat.frame("chat-history").put("before", 3).put("limit", 4));
		JsonNode first = therapist.next("chat-items");
		assertThat(ChatFixture.texts(first.path("items"))).containsExactly("message 1", "message 2");
		assertThat(first.path("more").asBoolean()).isFalse();
	}

	@Test
	void someoneOutsideTheRelationshipReceivesNothingAndCannotTellTheConversationExists() {
		ChatFixture chat = fixture("chat-private");
		ChatFixture neighbours = fixture("chat-neighbour");
		TestSocket client = opened(chat, chat.client());
		opened(chat, chat.therapist());
		List<TestSocket> strangers = List.of(connect(neighbours.client()), connect(neighbours.therapist()));

		for (TestSocket stranger : strangers) {
			for (String type : List.of("chat-open", "chat-send", "chat-history", "chat-typing", "chat-receipt",
					"chat-edit")) {
				JsonNode real = errorFor(stranger,
						chat.frame(type)
							.put("clientId", "x")
							.put("text", "hi")
							.put("before", 5)
							.put("seq", 1)
							.put("read", 1));
				JsonNode madeUp = errorFor(stranger,
						new ChatFixture(chat.practice(), chat.therapist(), chat.client(), UUID.randomUUID()).frame(type)
							.put("clientId", "x")
							.put("text", "hi")
							.put("before", 5)
							.put("seq", 1)
							.put("read", 1));
				assertThat(real.path("code").asString()).isEqualTo("not-found");
				assertThat(real.path("message")).isEqualTo(madeUp.path("message"));
			}
		}
		client.send(chat.message("secret", "Something private"));
		client.next("chat-ack");
		client.send(chat.frame("chat-typing"));
		for (TestSocket stranger : strangers) {
			stranger.expectNothingElse();
		}
		assertThat(count(chat)).isEqualTo(1);
	}

	@Test
	void badFramesGetErrorsAndStoreNothing() {
		ChatFixture chat = fixture("chat-bad");
		TestSocket client = opened(chat, chat.client());

		client.send(chat.message("big", "x".repeat(16 * 1024 + 1)));
		client.nextError("text-too-long");
		client.send(chat.message("big-unicode", "é".repeat(8 * 1024 + 1)));
		client.nextError("text-too-long");
		client.sendRaw("{\"type\":\"chat-send\",\"conversation\":\"" + chat.conversation() + "\",\"text\":\""
				+ "y".repeat(70 * 1024) + "\"}");
		client.nextError("too-large");
		client.sendRaw("{\"type\":\"chat-send\", \"text\": ");
		client.nextError("malformed");
		client.send(chat.frame("chat-shout").put("text", "hi"));
		client.nextError("unknown-type");
		client.send(chat.message("", "no client id"));
		client.nextError("bad-field");
		client.send(chat.message("blank", "   "));
		client.nextError("bad-field");
		client.send(chat.message("bell", "ding\u0007"));
		client.nextError("bad-field");
		client.send(chat.frame("chat-send").put("clientId", "num").put("text", 42));
		client.nextError("bad-field");
		client.send(
				TestSocket.frame("chat-send").put("conversation", "not-an-id").put("clientId", "c").put("text", "hi"));
		client.nextError("bad-field");
		client.send(chat.message("files", "see")
			.set("attachments", TestSocket.JSON.createArrayNode().add(UUID.randomUUID().toString())));
		client.nextError("not-found");
		assertThat(count(chat)).isZero();
		assertThat(jdbc.sql("select last_seq from conversation where id = :c")
			.param("c", chat.conversation())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aFloodOfMoreThanTwentyMessagesInTenSecondsIsRefusedAndStoresNothing() {
		ChatFixture chat = fixture("chat-flood");
		TestSocket client = opened(chat, chat.client());
		TestSocket second = opened(chat, chat.client());
		for (int i = 0; i < 15; i++) {
			client.send(chat.message("f-" + i, "flood " + i));
			client.next("chat-ack");
		}
		// The limit is the person's, not the connection's.
		for (int i = 15; i < 20; i++) {
			second.send(chat.message("f-" + i, "flood " + i));
			ack(second);
		}
		for (int i = 20; i < 25; i++) {
			client.send(chat.message("f-" + i, "flood " + i));
			assertThat(pastItems(client).path("code").asString()).isEqualTo("flood");
		}
		assertThat(count(chat)).isEqualTo(20);

		clock.advance(Duration.ofSeconds(10));
		client.send(chat.message("f-late", "calmer now"));
		assertThat(ack(client).path("seq").asLong()).isEqualTo(21);
	}

	@Test
	void theAuthorMayEditOrDeleteForFiveMinutesAndADeletedMessageShowsAsRemoved() {
		ChatFixture chat = fixture("chat-edit");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());
		client.send(chat.message("e-1", "Typo hre"));
		long seq = client.next("chat-ack").path("seq").asLong();
		therapist.next("chat-item");

		client.send(chat.frame("chat-edit").put("seq", seq).put("text", "Typo here"));
		assertThat(client.next("chat-ack").path("item").path("text").asString()).isEqualTo("Typo here");
		JsonNode edited = therapist.next("chat-item").path("item");
		assertThat(edited.path("text").asString()).isEqualTo("Typo here");
		assertThat(edited.path("rev").asLong()).isGreaterThan(seq);
		assertThat(edited.has("editedAt")).isTrue();

		therapist.send(chat.frame("chat-delete").put("seq", seq));
		therapist.nextError("not-allowed");

		client.send(chat.message("e-2", "Send this by mistake"));
		long second = client.next("chat-ack").path("seq").asLong();
		therapist.next("chat-item");
		client.send(chat.frame("chat-delete").put("seq", second));
		client.next("chat-ack");
		JsonNode removed = therapist.next("chat-item").path("item");
		assertThat(removed.path("deleted").asBoolean()).isTrue();
		assertThat(removed.has("text")).isFalse();
		assertThat(jdbc.sql("select body from conversation_item where conversation_id = :c and seq = :s")
			.param("c", chat.conversation())
			.param("s", second)
			.query(String.class)
			.optional()).isEmpty();

		clock.advance(ConversationStoreWindow.PAST);
		client.send(chat.frame("chat-edit").put("seq", seq).put("text", "Too late"));
		client.nextError("not-allowed");
	}

	@Test
	void receiptsAndTypingReachTheOtherParty() {
		ChatFixture chat = fixture("chat-receipts");
		TestSocket client = opened(chat, chat.client());
		TestSocket therapist = opened(chat, chat.therapist());
		client.send(chat.message("k-1", "Hello"));
		long seq = client.next("chat-ack").path("seq").asLong();
		therapist.next("chat-item");

		therapist.send(chat.frame("chat-receipt").put("delivered", seq));
		JsonNode delivered = client.next("chat-receipt");
		assertThat(delivered.path("by").asString()).isEqualTo("therapist");
		assertThat(delivered.path("delivered").asLong()).isEqualTo(seq);
		assertThat(delivered.path("read").asLong()).isZero();
		therapist.send(chat.frame("chat-receipt").put("read", seq));
		assertThat(client.next("chat-receipt").path("read").asLong()).isEqualTo(seq);
		// Receipts only move forward, and never past the conversation's last sequence.
		therapist.send(chat.frame("chat-receipt").put("read", 0).put("delivered", 99));
		JsonNode unchanged = client.next("chat-receipt");
		assertThat(unchanged.path("read").asLong()).isEqualTo(seq);
		assertThat(unchanged.path("delivered").asLong()).isEqualTo(seq);

		therapist.send(chat.frame("chat-typing"));
		assertThat(client.next("chat-typing").path("by").asString()).isEqualTo("therapist");
		therapist.expectNothingElse();

		TestSocket later = connect(chat.client());
		later.send(chat.frame("chat-open"));
		assertThat(later.next("chat-opened").path("peerRead").asLong()).isEqualTo(seq);
	}

	@Test
	void afterCareEndsTheConversationIsReadOnly() {
		ChatFixture chat = fixture("chat-ended");
		TestSocket client = opened(chat, chat.client());
		client.send(chat.message("before", "Thank you for everything"));
		client.next("chat-ack");
		chat.practice().care().end(chat.therapist().id(), chat.conversation());

		TestSocket later = connect(chat.client());
		later.send(chat.frame("chat-open"));
		assertThat(later.next("chat-opened").path("open").asBoolean()).isFalse();
		assertThat(ChatFixture.texts(later.next("chat-items").path("items")))
			.containsExactly("Thank you for everything");
		later.send(chat.message("after", "One more thing"));
		later.nextError("closed");
		assertThat(count(chat)).isEqualTo(1);
	}

	@Test
	void eachOpeningAndHistoryPageIsOneAuditEntryNotOnePerMessage() {
		ChatFixture chat = fixture("chat-audit");
		TestSocket client = opened(chat, chat.client());
		for (int i = 0; i < 5; i++) {
			client.send(chat.message("a-" + i, "m" + i));
			client.next("chat-ack");
		}
		TestSocket therapist = opened(chat, chat.therapist());
		therapist.send(chat.frame("chat-history").put("before", 3));
		therapist.next("chat-items");
		List<String> reads = jdbc.sql(
				"select actor || ' ' || detail from audit_entry where action = 'CONVERSATION_READ' and subject = :s order by id")
			.param("s", "conversation:" + chat.conversation())
			.query(String.class)
			.list();
		assertThat(reads).containsExactly("account:" + chat.client().id() + " chat",
				"account:" + chat.therapist().id() + " chat", "account:" + chat.therapist().id() + " history");
	}

	// Helpers

	/** The next acknowledgement, past items pushed from the person's other connection. */
	private static JsonNode ack(TestSocket socket) {
		JsonNode frame = pastItems(socket);
		assertThat(frame.path("type").asString()).isEqualTo("chat-ack");
		return frame;
	}

	/** The next frame that is not an item pushed from the person's other connection. */
	private static JsonNode pastItems(TestSocket socket) {
		JsonNode frame = socket.next();
		while (frame.path("type").asString().equals("chat-item")) {
			frame = socket.next();
		}
		return frame;
	}

	private static JsonNode errorFor(TestSocket socket, ObjectNode frame) {
		String id = socket.send(frame);
		JsonNode error = socket.next("error");
		assertThat(error.path("re").asString()).isEqualTo(id);
		return error;
	}

	private int count(ChatFixture chat) {
		return jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", chat.conversation())
			.query(Integer.class)
			.single();
	}

	private static List<Long> range(long from, long to) {
		List<Long> values = new ArrayList<>();
		for (long i = from; i <= to; i++) {
			values.add(i);
		}
		return values;
	}

	/** Just past the edit window. */
	static final class ConversationStoreWindow {

		static final Duration PAST = Item.EDIT_WINDOW.plusSeconds(1);

	}

}

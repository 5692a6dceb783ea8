package org.haven.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.messaging.internal.ChatFrame.BadField;
import org.haven.shared.realtime.Frame;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each chat frame checks its own fields as it is decoded; every failed check is a
 * {@link BadField} with the code and words the page scripts show.
 */
class ChatFrameTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID CONVERSATION = UUID.randomUUID();

	@Test
	void everyTypeDecodesToItsOwnKindNamingItsConversation() {
		Set<Class<?>> kinds = ChatFrame.TYPES.stream().map(type -> {
			ChatFrame decoded = ChatFrame.decode(frame(type,
					body().put("after", 1)
						.put("before", 2)
						.put("clientId", "c1")
						.put("text", "hi")
						.put("seq", 3)
						.put("read", 3)));
			assertThat(decoded.conversation()).isEqualTo(CONVERSATION);
			return decoded.getClass();
		}).collect(Collectors.toSet());
		assertThat(kinds).hasSize(ChatFrame.TYPES.size());
	}

	@Test
	void theConversationIsAnIdInEveryFrame() {
		for (String type : ChatFrame.TYPES) {
			refused(frame(type, JSON.createObjectNode()), "bad-field", "The conversation is an id.");
			refused(frame(type, JSON.createObjectNode().put("conversation", "not-an-id")), "bad-field",
					"The conversation is an id.");
			refused(frame(type, JSON.createObjectNode().put("conversation", 7)), "bad-field",
					"The conversation is an id.");
		}
	}

	@Test
	void openTakesAnOptionalSequence() {
		assertThat(ChatFrame.decode(frame("chat-open", body()))).isEqualTo(new ChatFrame.Open(CONVERSATION, null));
		assertThat(ChatFrame.decode(frame("chat-open", body().putNull("after"))))
			.isEqualTo(new ChatFrame.Open(CONVERSATION, null));
		assertThat(ChatFrame.decode(frame("chat-open", body().put("after", 0))))
			.isEqualTo(new ChatFrame.Open(CONVERSATION, 0L));
		refused(frame("chat-open", body().put("after", "5")), "bad-field", "after is a sequence number.");
		refused(frame("chat-open", body().put("after", -1)), "bad-field", "after is a sequence number.");
		refused(frame("chat-open", body().put("after", 1.5)), "bad-field", "after is a sequence number.");
	}

	@Test
	void syncNeedsASequence() {
		assertThat(ChatFrame.decode(frame("chat-sync", body().put("after", 12))))
			.isEqualTo(new ChatFrame.Sync(CONVERSATION, 12));
		refused(frame("chat-sync", body()), "bad-field", "after is a sequence number.");
		refused(frame("chat-sync", body().put("after", "12")), "bad-field", "after is a sequence number.");
	}

	@Test
	void historyNeedsASequenceAndALimitFromOneToAHundred() {
		String words = "before is a sequence number and limit between 1 and 100.";
		assertThat(ChatFrame.decode(frame("chat-history", body().put("before", 9))))
			.isEqualTo(new ChatFrame.History(CONVERSATION, 9, 50));
		assertThat(ChatFrame.decode(frame("chat-history", body().put("before", 9).put("limit", 1))))
			.isEqualTo(new ChatFrame.History(CONVERSATION, 9, 1));
		assertThat(ChatFrame.decode(frame("chat-history", body().put("before", 9).put("limit", 100))))
			.isEqualTo(new ChatFrame.History(CONVERSATION, 9, 100));
		refused(frame("chat-history", body()), "bad-field", words);
		refused(frame("chat-history", body().put("before", 9).put("limit", 0)), "bad-field", words);
		refused(frame("chat-history", body().put("before", 9).put("limit", 101)), "bad-field", words);
		refused(frame("chat-history", body().put("before", 9).put("limit", "ten")), "bad-field", words);
	}

	@Test
	void sendNeedsAClientIdAndAText() {
		assertThat(ChatFrame.decode(frame("chat-send", body().put("clientId", "c".repeat(64)).put("text", "Hello"))))
			.isEqualTo(new ChatFrame.Send(CONVERSATION, "c".repeat(64), "Hello", List.of()));
		String clientId = "clientId is a string of 1 to 64 characters, unique per message.";
		refused(frame("chat-send", body().put("text", "Hello")), "bad-field", clientId);
		refused(frame("chat-send", body().put("clientId", "").put("text", "Hello")), "bad-field", clientId);
		refused(frame("chat-send", body().put("clientId", "c".repeat(65)).put("text", "Hello")), "bad-field", clientId);
		refused(frame("chat-send", body().put("clientId", 5).put("text", "Hello")), "bad-field", clientId);
		refused(frame("chat-send", body().put("clientId", "c")), "bad-field", "A message has a text.");
		refused(frame("chat-send", body().put("clientId", "c").put("text", " \n ")), "bad-field",
				"A message has a text.");
		refused(frame("chat-send", body().put("clientId", "c").put("text", 42)), "bad-field", "The text is a string.");
		refused(frame("chat-send", body().put("clientId", "c").put("text", "ding\u0007")), "bad-field",
				"The text holds control characters.");
	}

	@Test
	void aTextMayHoldSixteenKibibytesAsUtf8() {
		String tooLong = "A chat message may hold at most 16 KiB of text: send a letter for longer writing.";
		assertThat(((ChatFrame.Send) ChatFrame
			.decode(frame("chat-send", body().put("clientId", "c").put("text", "x".repeat(16 * 1024))))).text())
			.hasSize(16 * 1024);
		refused(frame("chat-send", body().put("clientId", "c").put("text", "x".repeat(16 * 1024 + 1))), "text-too-long",
				tooLong);
		// Two bytes each: fewer characters than the limit, more bytes.
		refused(frame("chat-send", body().put("clientId", "c").put("text", "é".repeat(8 * 1024 + 1))), "text-too-long",
				tooLong);
		refused(frame("chat-edit", body().put("seq", 1).put("text", "x".repeat(16 * 1024 + 1))), "text-too-long",
				tooLong);
	}

	@Test
	void sendMayCarryUpToFiveDistinctUploadsAndThenNeedsNoText() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		ObjectNode withFiles = body().put("clientId", "c");
		withFiles.putArray("attachments").add(first.toString()).add(second.toString()).add(first.toString());
		assertThat(ChatFrame.decode(frame("chat-send", withFiles)))
			.isEqualTo(new ChatFrame.Send(CONVERSATION, "c", "", List.of(first, second)));

		ObjectNode six = body().put("clientId", "c").put("text", "see");
		ArrayNode ids = six.putArray("attachments");
		for (int i = 0; i < 6; i++) {
			ids.add(UUID.randomUUID().toString());
		}
		refused(frame("chat-send", six), "bad-field", "attachments is a list of at most 5 upload ids.");
		refused(frame("chat-send", body().put("clientId", "c").put("text", "see").put("attachments", "x")), "bad-field",
				"attachments is a list of at most 5 upload ids.");
		ObjectNode notIds = body().put("clientId", "c").put("text", "see");
		notIds.putArray("attachments").add("not-an-id");
		refused(frame("chat-send", notIds), "bad-field", "attachments is a list of upload ids.");
		ObjectNode numbers = body().put("clientId", "c").put("text", "see");
		numbers.putArray("attachments").add(4);
		refused(frame("chat-send", numbers), "bad-field", "attachments is a list of upload ids.");
	}

	@Test
	void editNeedsASequenceAndAText() {
		assertThat(ChatFrame.decode(frame("chat-edit", body().put("seq", 4).put("text", "Better"))))
			.isEqualTo(new ChatFrame.Edit(CONVERSATION, 4, "Better"));
		refused(frame("chat-edit", body().put("text", "Better")), "bad-field", "seq is the message's sequence number.");
		refused(frame("chat-edit", body().put("seq", "4").put("text", "Better")), "bad-field",
				"seq is the message's sequence number.");
		refused(frame("chat-edit", body().put("seq", 4)), "bad-field", "A message has a text.");
		refused(frame("chat-edit", body().put("seq", 4).put("text", "")), "bad-field", "A message has a text.");
	}

	@Test
	void deleteNeedsASequence() {
		assertThat(ChatFrame.decode(frame("chat-delete", body().put("seq", 4))))
			.isEqualTo(new ChatFrame.Delete(CONVERSATION, 4));
		refused(frame("chat-delete", body()), "bad-field", "seq is the message's sequence number.");
		refused(frame("chat-delete", body().put("seq", -4)), "bad-field", "seq is the message's sequence number.");
	}

	@Test
	void aReceiptCarriesDeliveredOrReadOrBoth() {
		String words = "A receipt carries delivered and/or read sequence numbers.";
		assertThat(ChatFrame.decode(frame("chat-receipt", body().put("read", 3))))
			.isEqualTo(new ChatFrame.Receipt(CONVERSATION, null, 3L));
		assertThat(ChatFrame.decode(frame("chat-receipt", body().put("delivered", 5).put("read", 3))))
			.isEqualTo(new ChatFrame.Receipt(CONVERSATION, 5L, 3L));
		refused(frame("chat-receipt", body()), "bad-field", words);
		refused(frame("chat-receipt", body().put("read", 3).put("delivered", "5")), "bad-field", words);
		refused(frame("chat-receipt", body().put("read", "3")), "bad-field", words);
	}

	@Test
	void typingAndCloseNeedOnlyTheConversation() {
		assertThat(ChatFrame.decode(frame("chat-typing", body()))).isEqualTo(new ChatFrame.Typing(CONVERSATION));
		assertThat(ChatFrame.decode(frame("chat-close", body()))).isEqualTo(new ChatFrame.Close(CONVERSATION));
	}

	private static ObjectNode body() {
		return JSON.createObjectNode().put("conversation", CONVERSATION.toString());
	}

	private static Frame frame(String type, ObjectNode body) {
		return new Frame(type, "f1", body.put("type", type));
	}

	private static void refused(Frame frame, String code, String message) {
		assertThatThrownBy(() -> ChatFrame.decode(frame)).isInstanceOfSatisfying(BadField.class, bad -> {
			assertThat(bad.code()).isEqualTo(code);
			assertThat(bad.getMessage()).isEqualTo(message);
		});
	}

}

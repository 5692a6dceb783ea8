package org.haven.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.shared.realtime.Frame;
import org.haven.shared.text.TextChecks;

import tools.jackson.databind.JsonNode;

/**
 * A chat frame from the browser (docs/messaging.md), its fields checked: every frame
 * names its conversation, and each kind checks its own fields as it is decoded. A frame
 * that fails a check is a {@link BadField}, whatever its kind, answered once by
 * {@link ChatFrames}.
 */
sealed interface ChatFrame permits ChatFrame.Open, ChatFrame.Sync, ChatFrame.History, ChatFrame.Send, ChatFrame.Edit,
		ChatFrame.Delete, ChatFrame.Receipt, ChatFrame.Typing, ChatFrame.Close {

	int MAX_TEXT_BYTES = 16 * 1024;

	int MAX_ATTACHMENTS = 5;

	Set<String> TYPES = Set.of("chat-open", "chat-sync", "chat-history", "chat-send", "chat-edit", "chat-delete",
			"chat-receipt", "chat-typing", "chat-close");

	UUID conversation();

	/**
	 * The frame as its kind, or a {@link BadField}.
	 * @throws IllegalArgumentException for a type not in {@link #TYPES}
	 */
	static ChatFrame decode(Frame frame) {
		UUID conversation = frame.uuid("conversation");
		if (conversation == null) {
			throw new BadField("The conversation is an id.");
		}
		return switch (frame.type()) {
			case "chat-open" -> Open.of(conversation, frame);
			case "chat-sync" -> Sync.of(conversation, frame);
			case "chat-history" -> History.of(conversation, frame);
			case "chat-send" -> Send.of(conversation, frame);
			case "chat-edit" -> Edit.of(conversation, frame);
			case "chat-delete" -> Delete.of(conversation, frame);
			case "chat-receipt" -> Receipt.of(conversation, frame);
			case "chat-typing" -> new Typing(conversation);
			case "chat-close" -> new Close(conversation);
			default -> throw new IllegalArgumentException("Not a chat frame: " + frame.type());
		};
	}

	/**
	 * @param after null for the newest page; otherwise the changes since
	 */
	record Open(UUID conversation, Long after) implements ChatFrame {

		static Open of(UUID conversation, Frame frame) {
			if (frame.has("after") && frame.number("after") == null) {
				throw new BadField("after is a sequence number.");
			}
			return new Open(conversation, frame.number("after"));
		}
	}

	record Sync(UUID conversation, long after) implements ChatFrame {

		static Sync of(UUID conversation, Frame frame) {
			Long after = frame.number("after");
			if (after == null) {
				throw new BadField("after is a sequence number.");
			}
			return new Sync(conversation, after);
		}
	}

	record History(UUID conversation, long before, int limit) implements ChatFrame {

		static final int DEFAULT_LIMIT = 50;

		static History of(UUID conversation, Frame frame) {
			Long before = frame.number("before");
			Long limit = frame.has("limit") ? frame.number("limit") : Long.valueOf(DEFAULT_LIMIT);
			if (before == null || limit == null || limit < 1 || limit > 100) {
				throw new BadField("before is a sequence number and limit between 1 and 100.");
			}
			return new History(conversation, before, limit.intValue());
		}
	}

	/**
	 * @param clientKey the browser's id of the message, unique per message
	 * @param text empty only when files are sent
	 */
	record Send(UUID conversation, String clientKey, String text, List<UUID> attachments) implements ChatFrame {

		static Send of(UUID conversation, Frame frame) {
			String clientKey = frame.text("clientId", 64);
			if (clientKey == null) {
				throw new BadField("clientId is a string of 1 to 64 characters, unique per message.");
			}
			List<UUID> attachments = attachments(frame);
			return new Send(conversation, clientKey, textField(frame, !attachments.isEmpty()), attachments);
		}

		private static List<UUID> attachments(Frame frame) {
			if (!frame.has("attachments")) {
				return List.of();
			}
			JsonNode array = frame.get("attachments");
			if (!array.isArray() || array.size() > MAX_ATTACHMENTS) {
				throw new BadField("attachments is a list of at most 5 upload ids.");
			}
			List<UUID> ids = new ArrayList<>();
			for (JsonNode node : array) {
				try {
					UUID id = UUID.fromString(node.isString() ? node.asString() : "");
					if (!ids.contains(id)) {
						ids.add(id);
					}
				}
				catch (IllegalArgumentException ex) {
					throw new BadField("attachments is a list of upload ids.");
				}
			}
			return List.copyOf(ids);
		}
	}

	record Edit(UUID conversation, long seq, String text) implements ChatFrame {

		static Edit of(UUID conversation, Frame frame) {
			return new Edit(conversation, seqField(frame), textField(frame, false));
		}
	}

	record Delete(UUID conversation, long seq) implements ChatFrame {

		static Delete of(UUID conversation, Frame frame) {
			return new Delete(conversation, seqField(frame));
		}
	}

	/** At least one of the two sequence numbers; the other may be null. */
	record Receipt(UUID conversation, Long delivered, Long read) implements ChatFrame {

		static Receipt of(UUID conversation, Frame frame) {
			Long delivered = frame.number("delivered");
			Long read = frame.number("read");
			if ((frame.has("delivered") && delivered == null) || (frame.has("read") && read == null)
					|| (delivered == null && read == null)) {
				throw new BadField("A receipt carries delivered and/or read sequence numbers.");
			}
			return new Receipt(conversation, delivered, read);
		}
	}

	record Typing(UUID conversation) implements ChatFrame {
	}

	record Close(UUID conversation) implements ChatFrame {
	}

	private static long seqField(Frame frame) {
		Long seq = frame.number("seq");
		if (seq == null) {
			throw new BadField("seq is the message's sequence number.");
		}
		return seq;
	}

	private static String textField(Frame frame, boolean mayBeEmpty) {
		JsonNode value = frame.get("text");
		if (value == null || value.isNull()) {
			if (mayBeEmpty) {
				return "";
			}
			throw new BadField("A message has a text.");
		}
		if (!value.isString()) {
			throw new BadField("The text is a string.");
		}
		String text = value.asString();
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
			throw new BadField("text-too-long",
					"A chat message may hold at most 16 KiB of text: send a letter for longer writing.");
		}
		if (text.isBlank() && !mayBeEmpty) {
			throw new BadField("A message has a text.");
		}
		if (TextChecks.hasControlCharacters(text)) {
			throw new BadField("The text holds control characters.");
		}
		return text;
	}

	/**
	 * A field the frame lacks or has in the wrong shape: answered with an {@code error}
	 * of this code ({@code bad-field}, or {@code text-too-long} for a text over 16 KiB),
	 * and nothing is stored.
	 */
	final class BadField extends RuntimeException {

		private final String code;

		BadField(String message) {
			this("bad-field", message);
		}

		BadField(String code, String message) {
			// Expected and answered, never logged: no stack trace to fill.
			super(message, null, false, false);
			this.code = code;
		}

		String code() {
			return code;
		}

	}

}

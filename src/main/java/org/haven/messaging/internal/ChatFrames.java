package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.messaging.internal.ConversationStore.Receipts;
import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Frame;
import org.haven.shared.realtime.FrameHandler;
import org.haven.shared.text.TextChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Live chat over /ws (docs/messaging.md). Every frame names its conversation and is
 * checked against it: a stranger gets the same answer as for a conversation that does not
 * exist. A message is stored before its sender is acknowledged and before anyone else
 * sees it; a resend under the same client id is answered from what was stored the first
 * time.
 */
@Component
class ChatFrames implements FrameHandler {

	static final int MAX_TEXT_BYTES = 16 * 1024;
	static final int OPEN_PAGE = 50;
	static final int SYNC_PAGE = 200;
	static final int MAX_ATTACHMENTS = 5;

	private static final Logger log = LoggerFactory.getLogger(ChatFrames.class);

	private static final Set<String> TYPES = Set.of("chat-open", "chat-sync", "chat-history", "chat-send", "chat-edit",
			"chat-delete", "chat-receipt", "chat-typing", "chat-close");

	private final ConversationStore store;

	private final ChatHub hub;

	private final SendBudget budget;

	private final ItemJson items;

	private final ChatWriter writer;

	ChatFrames(ConversationStore store, ChatHub hub, SendBudget budget, ItemJson items, ChatWriter writer) {
		this.writer = writer;
		this.store = store;
		this.hub = hub;
		this.budget = budget;
		this.items = items;
	}

	@Override
	public Set<String> types() {
		return TYPES;
	}

	@Override
	public void handle(Connection connection, Frame frame) {
		UUID conversationId = frame.uuid("conversation");
		if (conversationId == null) {
			connection.error(frame.id(), "bad-field", "The conversation is an id.");
			return;
		}
		Member member = member(connection, conversationId);
		if (member == null) {
			connection.error(frame.id(), "not-found", "No such conversation.");
			return;
		}
		try {
			switch (frame.type()) {
				case "chat-open" -> open(connection, member, frame);
				case "chat-sync" -> sync(connection, member, frame);
				case "chat-history" -> history(connection, member, frame);
				case "chat-send" -> send(connection, member, frame);
				case "chat-edit", "chat-delete" -> change(connection, member, frame);
				case "chat-receipt" -> receipt(connection, member, frame);
				case "chat-typing" -> hub.pushTo(member.conversationId(), !member.isClient(),
						connection.serialize(connection.frame("chat-typing")
							.put("conversation", conversationId.toString())
							.put("by", member.role())));
				case "chat-close" -> hub.unsubscribe(connection, conversationId);
				default -> throw new IllegalStateException(frame.type());
			}
		}
		catch (Refusal ex) {
			connection.error(frame.id(), ex.code(), ex.getMessage());
		}
		catch (DataAccessException ex) {
			log.warn("A chat frame failed on the database: {}", ex.getClass().getSimpleName());
			connection.error(frame.id(), "unavailable",
					"Not saved: Haven could not store it just now. It will be sent again.");
		}
	}

	/**
	 * The membership once per connection and conversation: the relationship is checked
	 * when first named.
	 */
	private Member member(Connection connection, UUID conversationId) {
		Map<UUID, Member> known = members(connection);
		Member member = known.get(conversationId);
		if (member == null) {
			member = store.member(connection.account(), conversationId).orElse(null);
			if (member != null) {
				known.put(conversationId, member);
			}
		}
		return member;
	}

	private static Map<UUID, Member> members(Connection connection) {
		return connection.state("messaging.members", ConcurrentHashMap::new);
	}

	private void open(Connection connection, Member member, Frame frame) {
		if (frame.has("after") && frame.number("after") == null) {
			throw Refused.as("bad-field", "frame", "after is a sequence number.");
		}
		Long after = frame.number("after");
		hub.subscribe(connection, member);
		store.recordRead(member, "chat");
		Receipts receipts = store.receipts(member.conversationId());
		long lastSeq = store.lastSeq(member.conversationId());
		connection.send(connection.reply("chat-opened", frame.id())
			.put("conversation", member.conversationId().toString())
			.put("me", member.role())
			.put("lastSeq", lastSeq)
			.put("open", member.open() && !store.isClosed(member.conversationId()))
			.put("peerDelivered", member.isClient() ? receipts.therapistDelivered() : receipts.clientDelivered())
			.put("peerRead", member.isClient() ? receipts.therapistRead() : receipts.clientRead()));
		if (after != null && after > lastSeq) {
			connection.send(reload(connection, frame, member, lastSeq));
		}
		else if (after != null) {
			List<Item> changed = store.changedAfter(member.conversationId(), after, SYNC_PAGE + 1);
			connection.send(itemsFrame(connection, frame, member, changed, SYNC_PAGE));
		}
		else {
			List<Item> latest = store.before(member.conversationId(), null, OPEN_PAGE + 1);
			connection.send(itemsFrame(connection, frame, member,
					latest.size() > OPEN_PAGE ? latest.subList(1, latest.size()) : latest, latest.size() > OPEN_PAGE));
		}
	}

	private void sync(Connection connection, Member member, Frame frame) {
		Long after = frame.number("after");
		if (after == null) {
			throw Refused.as("bad-field", "frame", "after is a sequence number.");
		}
		long lastSeq = store.lastSeq(member.conversationId());
		if (after > lastSeq) {
			connection.send(reload(connection, frame, member, lastSeq));
			return;
		}
		connection.send(itemsFrame(connection, frame, member,
				store.changedAfter(member.conversationId(), after, SYNC_PAGE + 1), SYNC_PAGE));
	}

	/**
	 * The client has seen a number this conversation never reached: the database is older
	 * than the page (a restored backup, a fail-over to a replica that lagged). Changes
	 * "after" that number would be silence while new messages take the numbers again, so
	 * the client is told to read the conversation from the start.
	 */
	private static ObjectNode reload(Connection connection, Frame frame, Member member, long lastSeq) {
		log.warn(
				"A chat client asked for changes after a sequence number beyond its conversation's last one; told it to reload");
		return connection.reply("chat-reload", frame.id())
			.put("conversation", member.conversationId().toString())
			.put("lastSeq", lastSeq);
	}

	private void history(Connection connection, Member member, Frame frame) {
		Long before = frame.number("before");
		Long limit = frame.has("limit") ? frame.number("limit") : Long.valueOf(OPEN_PAGE);
		if (before == null || limit == null || limit < 1 || limit > 100) {
			throw Refused.as("bad-field", "frame", "before is a sequence number and limit between 1 and 100.");
		}
		List<Item> page = store.before(member.conversationId(), before, limit.intValue() + 1);
		store.recordRead(member, "history");
		boolean more = page.size() > limit;
		connection.send(itemsFrame(connection, frame, member, more ? page.subList(1, page.size()) : page, more)
			.put("history", true));
	}

	private ObjectNode itemsFrame(Connection connection, Frame frame, Member member, List<Item> list, int pageSize) {
		boolean more = list.size() > pageSize;
		return itemsFrame(connection, frame, member, more ? list.subList(0, pageSize) : list, more);
	}

	private ObjectNode itemsFrame(Connection connection, Frame frame, Member member, List<Item> list, boolean more) {
		ObjectNode reply = connection.reply("chat-items", frame.id())
			.put("conversation", member.conversationId().toString())
			.put("more", more);
		ArrayNode array = reply.putArray("items");
		list.forEach(item -> array.add(items.json(item)));
		return reply;
	}

	private void send(Connection connection, Member member, Frame frame) {
		String clientKey = frame.text("clientId", 64);
		if (clientKey == null) {
			throw Refused.as("bad-field", "frame", "clientId is a string of 1 to 64 characters, unique per message.");
		}
		List<UUID> attachments = attachments(frame);
		String text = text(frame, !attachments.isEmpty());
		spend(member);
		// Stored and answered by the chat writer, in the order this connection sent.
		if (!writer.submit(new ChatWriter.Send(connection, member, frame.id(), clientKey, text, attachments))) {
			throw Refused.as("unavailable", "frame",
					"Not saved: Haven is too busy or restarting. It will be sent again.");
		}
	}

	private void change(Connection connection, Member member, Frame frame) {
		Long seq = frame.number("seq");
		if (seq == null) {
			throw Refused.as("bad-field", "frame", "seq is the message's sequence number.");
		}
		boolean edit = frame.type().equals("chat-edit");
		String text = edit ? text(frame, false) : null;
		spend(member);
		hub.ordered(member.conversationId(), () -> {
			Item item = edit ? store.edit(member, seq, text) : store.delete(member, seq);
			writer.announce(connection, frame.id(), item, item.rev(), true);
			return item;
		});
	}

	private void receipt(Connection connection, Member member, Frame frame) {
		Long delivered = frame.number("delivered");
		Long read = frame.number("read");
		if ((frame.has("delivered") && delivered == null) || (frame.has("read") && read == null)
				|| (delivered == null && read == null)) {
			throw Refused.as("bad-field", "frame", "A receipt carries delivered and/or read sequence numbers.");
		}
		Receipts receipts = store.receipt(member, delivered, read);
		ObjectNode relay = connection.frame("chat-receipt")
			.put("conversation", member.conversationId().toString())
			.put("by", member.role())
			.put("delivered", member.isClient() ? receipts.clientDelivered() : receipts.therapistDelivered())
			.put("read", member.isClient() ? receipts.clientRead() : receipts.therapistRead());
		hub.push(member.conversationId(), connection, connection.serialize(relay));
	}

	private void spend(Member member) {
		if (!budget.take(member.accountId())) {
			throw Refused.as("flood", "frame",
					"More than 20 messages in 10 seconds: wait a moment before sending more.");
		}
	}

	private static String text(Frame frame, boolean mayBeEmpty) {
		JsonNode value = frame.get("text");
		if (value == null || value.isNull()) {
			if (mayBeEmpty) {
				return "";
			}
			throw Refused.as("bad-field", "frame", "A message has a text.");
		}
		if (!value.isString()) {
			throw Refused.as("bad-field", "frame", "The text is a string.");
		}
		String text = value.asString();
		if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
			throw Refused.as("text-too-long", "frame",
					"A chat message may hold at most 16 KiB of text: send a letter for longer writing.");
		}
		if (text.isBlank() && !mayBeEmpty) {
			throw Refused.as("bad-field", "frame", "A message has a text.");
		}
		if (TextChecks.hasControlCharacters(text)) {
			throw Refused.as("bad-field", "frame", "The text holds control characters.");
		}
		return text;
	}

	private static List<UUID> attachments(Frame frame) {
		if (!frame.has("attachments")) {
			return List.of();
		}
		JsonNode array = frame.get("attachments");
		if (!array.isArray() || array.size() > MAX_ATTACHMENTS) {
			throw Refused.as("bad-field", "frame", "attachments is a list of at most 5 upload ids.");
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
				throw Refused.as("bad-field", "frame", "attachments is a list of upload ids.");
			}
		}
		return ids;
	}

	@Override
	public void closed(Connection connection) {
		members(connection).keySet().forEach(id -> hub.unsubscribe(connection, id));
	}

}

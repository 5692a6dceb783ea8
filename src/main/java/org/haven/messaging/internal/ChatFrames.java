package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.haven.messaging.internal.ChatFrame.BadField;
import org.haven.messaging.internal.ConversationStore.Receipts;
import org.haven.messaging.internal.ConversationStore.State;
import org.haven.messaging.internal.Timeline.Opening;
import org.haven.messaging.internal.Timeline.Page;
import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Frame;
import org.haven.shared.realtime.FrameHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

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

	private static final Logger log = LoggerFactory.getLogger(ChatFrames.class);

	private final ConversationStore store;

	private final Timeline timeline;

	private final ChatHub hub;

	private final SendBudget budget;

	private final ItemJson items;

	private final ChatWriter writer;

	private final Posting posting;

	ChatFrames(ConversationStore store, Timeline timeline, Posting posting, ChatHub hub, SendBudget budget,
			ItemJson items, ChatWriter writer) {
		this.store = store;
		this.timeline = timeline;
		this.posting = posting;
		this.hub = hub;
		this.budget = budget;
		this.items = items;
		this.writer = writer;
	}

	@Override
	public Set<String> types() {
		return ChatFrame.TYPES;
	}

	@Override
	public void handle(Connection connection, Frame frame) {
		ChatFrame chat;
		try {
			chat = ChatFrame.decode(frame);
		}
		catch (BadField ex) {
			connection.error(frame.id(), ex.code(), ex.getMessage());
			return;
		}
		Member member = member(connection, chat.conversation());
		if (member == null) {
			connection.error(frame.id(), "not-found", "No such conversation.");
			return;
		}
		try {
			handle(connection, member, frame.id(), chat);
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

	private void handle(Connection connection, Member member, String id, ChatFrame chat) {
		if (chat instanceof ChatFrame.Open open) {
			open(connection, member, id, open.after());
		}
		else if (chat instanceof ChatFrame.Sync sync) {
			sync(connection, member, id, sync.after());
		}
		else if (chat instanceof ChatFrame.History history) {
			history(connection, member, id, history);
		}
		else if (chat instanceof ChatFrame.Send send) {
			send(connection, member, id, send);
		}
		else if (chat instanceof ChatFrame.Edit edit) {
			change(connection, member, id, () -> posting.edit(member, edit.seq(), edit.text()));
		}
		else if (chat instanceof ChatFrame.Delete delete) {
			change(connection, member, id, () -> posting.delete(member, delete.seq()));
		}
		else if (chat instanceof ChatFrame.Receipt receipt) {
			receipt(connection, member, receipt);
		}
		else if (chat instanceof ChatFrame.Typing) {
			hub.pushTo(member.conversationId(), !member.isClient(),
					connection.serialize(connection.frame("chat-typing")
						.put("conversation", member.conversationId().toString())
						.put("by", member.role())));
		}
		else if (chat instanceof ChatFrame.Close) {
			hub.unsubscribe(connection, member.conversationId());
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

	/**
	 * Subscribed first, then read: an item stored in between is both pushed and read, and
	 * the page keeps one of each {@code seq}.
	 */
	private void open(Connection connection, Member member, String id, Long after) {
		hub.subscribe(connection, member);
		Opening opening = timeline.open(member, after);
		State state = opening.state();
		Receipts receipts = state.receipts();
		connection.send(connection.reply("chat-opened", id)
			.put("conversation", member.conversationId().toString())
			.put("me", member.role())
			.put("lastSeq", state.lastSeq())
			.put("open", member.open() && !state.closed())
			.put("peerDelivered", member.isClient() ? receipts.therapistDelivered() : receipts.clientDelivered())
			.put("peerRead", member.isClient() ? receipts.therapistRead() : receipts.clientRead()));
		connection.send(opening.reload() ? reload(connection, id, member, state.lastSeq())
				: itemsFrame(connection, id, member, opening.page()));
	}

	private void sync(Connection connection, Member member, String id, long after) {
		long lastSeq = store.lastSeq(member.conversationId());
		if (after > lastSeq) {
			connection.send(reload(connection, id, member, lastSeq));
			return;
		}
		connection.send(itemsFrame(connection, id, member, timeline.changes(member.conversationId(), after)));
	}

	/**
	 * The client has seen a number this conversation never reached: the database is older
	 * than the page (a restored backup, a fail-over to a replica that lagged). Changes
	 * "after" that number would be silence while new messages take the numbers again, so
	 * the client is told to read the conversation from the start.
	 */
	private static ObjectNode reload(Connection connection, String id, Member member, long lastSeq) {
		log.warn(
				"A chat client asked for changes after a sequence number beyond its conversation's last one; told it to reload");
		return connection.reply("chat-reload", id)
			.put("conversation", member.conversationId().toString())
			.put("lastSeq", lastSeq);
	}

	private void history(Connection connection, Member member, String id, ChatFrame.History history) {
		Page page = timeline.page(member.conversationId(), history.before(), history.limit());
		timeline.recordRead(member, "history");
		connection.send(itemsFrame(connection, id, member, page).put("history", true));
	}

	private ObjectNode itemsFrame(Connection connection, String id, Member member, Page page) {
		ObjectNode reply = connection.reply("chat-items", id)
			.put("conversation", member.conversationId().toString())
			.put("more", page.more());
		ArrayNode array = reply.putArray("items");
		page.items().forEach(item -> array.add(items.json(item)));
		return reply;
	}

	private void send(Connection connection, Member member, String id, ChatFrame.Send send) {
		spend(member);
		// Stored and answered by the chat writer, in the order this connection sent.
		if (!writer
			.submit(new ChatWriter.Send(connection, member, id, send.clientKey(), send.text(), send.attachments()))) {
			throw Refused.as("unavailable", "frame",
					"Not saved: Haven is too busy or restarting. It will be sent again.");
		}
	}

	/** An edit or a deletion: stored, then pushed and acknowledged, in its turn. */
	private void change(Connection connection, Member member, String id, Supplier<Item> change) {
		spend(member);
		hub.ordered(member.conversationId(), () -> {
			Item item = change.get();
			writer.announce(connection, id, item, item.rev(), true);
			return item;
		});
	}

	private void receipt(Connection connection, Member member, ChatFrame.Receipt receipt) {
		Receipts receipts = store.receipt(member, receipt.delivered(), receipt.read());
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

	@Override
	public void closed(Connection connection) {
		members(connection).keySet().forEach(id -> hub.unsubscribe(connection, id));
	}

}

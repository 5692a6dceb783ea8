package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.haven.audit.AuditTrail;
import org.haven.messaging.LetterSent;
import org.haven.messaging.MessagePosted;
import org.haven.messaging.MessagesPosted;
import org.haven.messaging.TextReplyPosted;
import org.haven.messaging.internal.Item.Kind;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds to a conversation's timeline and changes what is on it. A new item, an edit and a
 * deletion each lock the conversation's row, take the next sequence number and commit
 * before anyone is told: concurrent senders are ordered by the database, and an
 * acknowledged message is a stored one. Texts are sealed with FieldEncryption.
 */
@Service
public class Posting {

	private final JdbcClient jdbc;

	private final ConversationStore conversations;

	private final Timeline timeline;

	private final ItemRows rows;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Posting(JdbcClient jdbc, ConversationStore conversations, Timeline timeline, ItemRows rows,
			FieldEncryption encryption, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.timeline = timeline;
		this.rows = rows;
		this.encryption = encryption;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores a new item, or finds the one this author already stored under the same
	 * client key (a resend). Attachments must be the author's own unsent uploads to this
	 * conversation.
	 */
	@Transactional
	public Posted post(Member member, String clientKey, Kind kind, String text, UUID threadId, List<UUID> attachments) {
		long last = conversations.lockOpen(member);
		Optional<Item> earlier = rows
			.withAttachments(member.conversationId(),
					"select * from conversation_item where conversation_id = :c and author_id = :a and client_key = :k",
					Map.of("c", member.conversationId(), "a", member.accountId(), "k", clientKey))
			.stream()
			.findFirst();
		if (earlier.isPresent()) {
			return new Posted(earlier.get(), true, last);
		}
		// The row lock taken above makes last + 1 this item's, whoever else is sending.
		long seq = last + 1;
		jdbc.sql("update conversation set last_seq = :seq where id = :id")
			.param("seq", seq)
			.param("id", member.conversationId())
			.update();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql(
				"""
						insert into conversation_item (conversation_id, seq, rev, kind, author_id, client_key, body, thread_id, posted_at)
						values (:c, :seq, :seq, :kind, :author, :key, :body, :thread, :now)""")
			.param("c", member.conversationId())
			.param("seq", seq)
			.param("kind", kind.name())
			.param("author", member.accountId())
			.param("key", clientKey)
			.param("body", encryption.encrypt(text))
			.param("thread", threadId)
			.param("now", Timestamps.utc(now))
			.update();
		if (!attachments.isEmpty()) {
			int bound = jdbc.sql("""
					update message_attachment set item_seq = :seq, draft_id = null
					where id in (:ids) and conversation_id = :c and uploaded_by = :me and item_seq is null""")
				.param("seq", seq)
				.param("ids", attachments)
				.param("c", member.conversationId())
				.param("me", member.accountId())
				.update();
			if (bound != attachments.size()) {
				throw Refused.as("not-found", "message",
						"An attachment is not one you uploaded here, or was already sent.");
			}
		}
		if (kind == Kind.LETTER) {
			events.publishEvent(
					new LetterSent(member.conversationId(), threadId, seq, member.accountId(), member.peerId(), now));
		}
		else {
			// A text is a chat message that went by phone: announced unread the same way.
			events.publishEvent(MessagesPosted
				.of(new MessagePosted(member.conversationId(), seq, member.accountId(), member.peerId(), now)));
		}
		if (kind == Kind.TEXT && !member.isClient()) {
			// For the texting module, after the commit: it sends what was stored.
			events.publishEvent(
					new TextReplyPosted(member.conversationId(), seq, member.accountId(), member.clientId(), now));
		}
		// A plain chat message or text is known whole already; files and letter subjects
		// are read back.
		Item item = kind != Kind.LETTER && attachments.isEmpty() ? Item.plain(kind, member, seq, clientKey, text, now)
				: timeline.find(member.conversationId(), seq).orElseThrow();
		return new Posted(item, false, seq);
	}

	/**
	 * Stores a group of plain chat messages (text only) in one transaction, in the order
	 * given: the group commit of the chat writer. Each conversation named is locked once,
	 * in id order; a message whose conversation is closed or gone gets its refusal
	 * without failing the others, and a resend (also within the group) is answered with
	 * what was stored first. A few {@link MessagesPosted} cover the group.
	 * @return one outcome per message, in the same order
	 */
	@Transactional
	public List<Outcome> postChats(List<NewChat> chats) {
		// Every statement here is the same text whatever the group's size (its values go
		// in arrays), so that the driver and PostgreSQL prepare and plan each once, not
		// once per group.
		String[] ids = chats.stream()
			.map(c -> c.member().conversationId())
			.distinct()
			.sorted()
			.map(UUID::toString)
			.toArray(String[]::new);
		Map<UUID, long[]> last = new HashMap<>();
		Map<UUID, Boolean> closed = new HashMap<>();
		jdbc.sql(LOCK).param(ids).query((rs, n) -> {
			UUID id = rs.getObject(1, UUID.class);
			last.put(id, new long[] { rs.getLong(2) });
			closed.put(id, rs.getObject(3) != null);
			return id;
		}).list();
		record Key(UUID conversation, UUID author, String clientKey) {
		}
		Map<Key, Item> stored = new HashMap<>();
		rows.items(EARLIER, column(chats, c -> c.member().conversationId()), column(chats, c -> c.member().accountId()),
				chats.stream().map(NewChat::clientKey).toArray(String[]::new))
			.forEach(item -> stored.put(new Key(item.conversationId(), item.authorId(), item.clientKey()), item));
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Outcome> outcomes = new ArrayList<>();
		List<MessagePosted> posted = new ArrayList<>();
		Map<UUID, Long> raised = new LinkedHashMap<>();
		List<String[]> rows = new ArrayList<>();
		for (NewChat chat : chats) {
			Member member = chat.member();
			long[] seq = last.get(member.conversationId());
			if (seq == null) {
				outcomes.add(new Outcome(null, Refused.notFound()));
				continue;
			}
			if (closed.get(member.conversationId()) || !member.open()) {
				outcomes.add(new Outcome(null, Refused.closed()));
				continue;
			}
			Key key = new Key(member.conversationId(), member.accountId(), chat.clientKey());
			Item earlier = stored.get(key);
			if (earlier != null) {
				outcomes.add(new Outcome(new Posted(earlier, true, seq[0]), null));
				continue;
			}
			// The row locks taken above make each next number this group's, whoever else
			// is sending.
			long next = ++seq[0];
			Item item = Item.chat(member, next, chat.clientKey(), chat.text(), now);
			stored.put(key, item);
			raised.put(member.conversationId(), next);
			outcomes.add(new Outcome(new Posted(item, false, next), null));
			posted.add(new MessagePosted(member.conversationId(), next, member.accountId(), member.peerId(), now));
			rows.add(new String[] { member.conversationId().toString(), Long.toString(next),
					member.accountId().toString(), chat.clientKey(), encryption.encrypt(chat.text()) });
		}
		if (rows.isEmpty()) {
			return outcomes;
		}
		// The ids twice: the second, as "= any", lets the planner reach the rows through
		// the primary key whatever it guesses of the unnest's size.
		String[] raisedIds = raised.keySet().stream().map(UUID::toString).toArray(String[]::new);
		jdbc.sql(RAISE)
			.param(raisedIds)
			.param(raised.values().stream().mapToLong(Long::longValue).toArray())
			.param(raisedIds)
			.update();
		JdbcClient.StatementSpec insert = jdbc.sql(INSERT).param(Timestamps.utc(now));
		for (int column = 0; column < 5; column++) {
			int c = column;
			insert = insert.param(rows.stream().map(row -> row[c]).toArray(String[]::new));
		}
		insert.update();
		events.publishEvent(new MessagesPosted(posted));
		return outcomes;
	}

	/** The group's conversations, locked in id order. */
	private static final String LOCK = """
			select id, last_seq, closed_at from conversation where id = any(cast(? as uuid[])) order by id for update""";

	/**
	 * Items stored before under the group's keys: whole keys of the unique index, so that
	 * each is one index probe however long the conversation's history.
	 */
	private static final String EARLIER = """
			select i.* from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[])) as k(c, a, client_key)
			join conversation_item i on i.conversation_id = k.c and i.author_id = k.a and i.client_key = k.client_key""";

	private static final String RAISE = """
			update conversation c set last_seq = r.seq
			from unnest(cast(? as uuid[]), cast(? as bigint[])) as r(id, seq)
			where c.id = r.id and c.id = any(cast(? as uuid[]))""";

	private static final String INSERT = """
			insert into conversation_item (conversation_id, seq, rev, kind, author_id, client_key, body, posted_at)
			select r.c, r.s, r.s, 'CHAT', r.a, r.k, r.b, ?
			from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as uuid[]), cast(? as text[]), cast(? as text[]))
			as r(c, s, a, k, b)""";

	private static String[] column(List<NewChat> chats, Function<NewChat, UUID> value) {
		return chats.stream().map(value).map(UUID::toString).toArray(String[]::new);
	}

	/** A plain chat message for {@link #postChats}. */
	public record NewChat(Member member, String clientKey, String text) {
	}

	/** What became of one message of a group: stored (or found stored), or refused. */
	public record Outcome(Posted posted, Refusal refusal) {
	}

	/**
	 * Changes the text of the author's own chat message, within five minutes of sending
	 * it.
	 */
	@Transactional
	public Item edit(Member member, long seq, String text) {
		Item item = ownRecent(member, seq);
		long rev = conversations.nextSeq(member.conversationId());
		jdbc.sql(
				"update conversation_item set body = :body, rev = :rev, edited_at = :now where conversation_id = :c and seq = :seq")
			.param("body", encryption.encrypt(text))
			.param("rev", rev)
			.param("now", Timestamps.utc(clock.instant()))
			.param("c", member.conversationId())
			.param("seq", item.seq())
			.update();
		audit.record(AuditTrail.account(member.accountId()), "MESSAGE_EDITED",
				"conversation:" + member.conversationId(), "seq " + seq);
		return timeline.find(member.conversationId(), seq).orElseThrow();
	}

	/**
	 * Removes the author's own chat message (and its files), within five minutes; its
	 * place stays, marked removed.
	 */
	@Transactional
	public Item delete(Member member, long seq) {
		Item item = ownRecent(member, seq);
		long rev = conversations.nextSeq(member.conversationId());
		jdbc.sql(
				"update conversation_item set body = null, rev = :rev, deleted_at = :now where conversation_id = :c and seq = :seq")
			.param("rev", rev)
			.param("now", Timestamps.utc(clock.instant()))
			.param("c", member.conversationId())
			.param("seq", item.seq())
			.update();
		jdbc.sql("delete from message_attachment where conversation_id = :c and item_seq = :seq")
			.param("c", member.conversationId())
			.param("seq", item.seq())
			.update();
		audit.record(AuditTrail.account(member.accountId()), "MESSAGE_DELETED",
				"conversation:" + member.conversationId(), "seq " + seq);
		return timeline.find(member.conversationId(), seq).orElseThrow();
	}

	/**
	 * Records what became of a text Haven sends, as a change of the item (it takes the
	 * next sequence number as its {@code rev}, so a page that reconnects asks for it like
	 * an edit). Also in a closed conversation: a text sent before care ended may be
	 * delivered after. Never back from a final state to a waiting one.
	 * @return the item when it changed; empty when the state adds nothing
	 */
	@Transactional
	public Optional<Item> textState(UUID conversationId, long seq, String state) {
		conversations.lock(conversationId);
		Item item = timeline.find(conversationId, seq)
			.filter(i -> i.kind() == Kind.TEXT && !i.byClient())
			.orElseThrow(Refused::notFound);
		if (!TextStates.moves(item.textState(), state)) {
			return Optional.empty();
		}
		long rev = conversations.nextSeq(conversationId);
		jdbc.sql(
				"update conversation_item set text_state = :state, rev = :rev where conversation_id = :c and seq = :seq")
			.param("state", state)
			.param("rev", rev)
			.param("c", conversationId)
			.param("seq", seq)
			.update();
		return timeline.find(conversationId, seq);
	}

	/**
	 * The member's own message, still theirs to change: its conversation's row locked.
	 */
	private Item ownRecent(Member member, long seq) {
		conversations.lockOpen(member);
		Item item = timeline.find(member.conversationId(), seq).orElseThrow(Refused::notFound);
		item.checkChangeableBy(member.accountId(), clock.instant());
		return item;
	}

	/**
	 * @param duplicate true when the item had been stored before under the same client
	 * key (a resend)
	 */
	public record Posted(Item item, boolean duplicate, long lastSeq) {
	}

}

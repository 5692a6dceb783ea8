package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.care.CareRelationships.Party;
import org.haven.messaging.LetterSent;
import org.haven.messaging.MessagePosted;
import org.haven.messaging.MessagesPosted;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.messaging.internal.Item.Kind;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The timeline of each conversation. A new item, an edit and a deletion each lock the
 * conversation's row, take the next sequence number and commit before anyone is told:
 * concurrent senders are ordered by the database, and an acknowledged message is a stored
 * one. Texts are sealed with FieldEncryption.
 */
@Service
public class ConversationStore {

	public static final Duration EDIT_WINDOW = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final CareRelationships care;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final TransactionTemplate separately;

	ConversationStore(JdbcClient jdbc, CareRelationships care, FieldEncryption encryption, AuditTrail audit,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.care = care;
		this.encryption = encryption;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The account as a party to the conversation; empty for strangers and unknown ids
	 * alike.
	 */
	public Optional<Member> member(UUID accountId, UUID conversationId) {
		return care.partyOf(accountId, conversationId).map(party -> {
			ensure(party);
			return new Member(party.relationshipId(), accountId, party.clientId(), party.therapistId(), party.active());
		});
	}

	/**
	 * The conversations the account is a party to, one per care relationship, active
	 * first.
	 */
	public List<Member> conversationsOf(UUID accountId) {
		return care.partiesOf(accountId).stream().map(party -> {
			ensure(party);
			return new Member(party.relationshipId(), accountId, party.clientId(), party.therapistId(), party.active());
		}).toList();
	}

	/**
	 * Conversations come into being with their relationship, or on first use for
	 * relationships older than messaging.
	 */
	void ensure(Party party) {
		if (exists(party.relationshipId())) {
			if (!party.active()) {
				close(party.relationshipId());
			}
			return;
		}
		try {
			separately.executeWithoutResult(tx -> jdbc.sql("""
					insert into conversation (id, client_id, therapist_id, created_at, closed_at)
					values (:id, :client, :therapist, :now, :closed)""")
				.param("id", party.relationshipId())
				.param("client", party.clientId())
				.param("therapist", party.therapistId())
				.param("now", Timestamps.utc(clock.instant()))
				.param("closed", party.active() ? null : Timestamps.utc(clock.instant()))
				.update());
		}
		catch (DuplicateKeyException ex) {
			// Created by a concurrent first use: the same row either way.
		}
	}

	private boolean exists(UUID conversationId) {
		return jdbc.sql("select count(*) from conversation where id = :id")
			.param("id", conversationId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The relationship ended: the conversation takes nothing new (its history stays). */
	@Transactional
	public void close(UUID conversationId) {
		jdbc.sql("update conversation set closed_at = :now where id = :id and closed_at is null")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", conversationId)
			.update();
	}

	/**
	 * Stores a new item, or finds the one this author already stored under the same
	 * client key (a resend). Attachments must be the author's own unsent uploads to this
	 * conversation.
	 */
	@Transactional
	public Posted post(Member member, String clientKey, Kind kind, String text, UUID threadId, List<UUID> attachments) {
		long last = lockOpen(member);
		Optional<Item> earlier = jdbc
			.sql("select * from conversation_item where conversation_id = :c and author_id = :a and client_key = :k")
			.param("c", member.conversationId())
			.param("a", member.accountId())
			.param("k", clientKey)
			.query(this::item)
			.optional();
		if (earlier.isPresent()) {
			return new Posted(withAttachments(member.conversationId(), List.of(earlier.get())).get(0), true, last);
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
		if (kind == Kind.CHAT) {
			events.publishEvent(MessagesPosted
				.of(new MessagePosted(member.conversationId(), seq, member.accountId(), member.peerId(), now)));
		}
		else {
			events.publishEvent(
					new LetterSent(member.conversationId(), threadId, seq, member.accountId(), member.peerId(), now));
		}
		// A plain chat message is known whole already; files and letter subjects are read
		// back.
		Item item = kind == Kind.CHAT && attachments.isEmpty()
				? new Item(member.conversationId(), seq, seq, kind, member.accountId(), member.isClient(), clientKey,
						text, null, null, now, null, null, List.of())
				: find(member.conversationId(), seq).orElseThrow();
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
		List<UUID> ids = chats.stream().map(c -> c.member().conversationId()).distinct().sorted().toList();
		Map<UUID, long[]> last = new HashMap<>();
		Map<UUID, Boolean> closed = new HashMap<>();
		jdbc.sql("select id, last_seq, closed_at from conversation where id in (:ids) order by id for update")
			.param("ids", ids)
			.query((rs, n) -> {
				UUID id = rs.getObject(1, UUID.class);
				last.put(id, new long[] { rs.getLong(2) });
				closed.put(id, rs.getObject(3) != null);
				return id;
			})
			.list();
		record Key(UUID conversation, UUID author, String clientKey) {
		}
		Map<Key, Item> stored = new HashMap<>();
		jdbc.sql("select * from conversation_item where conversation_id in (:ids) and client_key in (:keys)")
			.param("ids", ids)
			.param("keys", chats.stream().map(NewChat::clientKey).distinct().toList())
			.query(this::item)
			.list()
			.forEach(item -> stored.put(new Key(item.conversationId(), item.authorId(), item.clientKey()), item));
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<Outcome> outcomes = new ArrayList<>();
		List<MessagePosted> posted = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		Map<UUID, Long> raised = new LinkedHashMap<>();
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
			Item item = new Item(member.conversationId(), next, next, Kind.CHAT, member.accountId(), member.isClient(),
					chat.clientKey(), chat.text(), null, null, now, null, null, List.of());
			stored.put(key, item);
			raised.put(member.conversationId(), next);
			outcomes.add(new Outcome(new Posted(item, false, next), null));
			posted.add(new MessagePosted(member.conversationId(), next, member.accountId(), member.peerId(), now));
			rows.add(new Object[] { member.conversationId(), next, next, member.accountId(), chat.clientKey(),
					encryption.encrypt(chat.text()), Timestamps.utc(now) });
		}
		if (rows.isEmpty()) {
			return outcomes;
		}
		// One statement for the numbers and one for the rows, whatever the group's size:
		// a statement costs
		// PostgreSQL far more than a row does.
		StringBuilder raise = new StringBuilder("update conversation set last_seq = case id");
		List<Object> raiseParams = new ArrayList<>();
		raised.forEach((id, seq) -> {
			raise.append(" when ? then cast(? as bigint)");
			raiseParams.add(id);
			raiseParams.add(seq);
		});
		raise.append(" else last_seq end where id in (")
			.append(String.join(", ", Collections.nCopies(raised.size(), "?")))
			.append(")");
		raiseParams.addAll(raised.keySet());
		jdbc.sql(raise.toString()).params(raiseParams).update();
		StringBuilder insert = new StringBuilder(
				"insert into conversation_item (conversation_id, seq, rev, kind, author_id, client_key, body, posted_at) values ");
		List<Object> insertParams = new ArrayList<>();
		for (Object[] row : rows) {
			insert.append(insertParams.isEmpty() ? "" : ", ").append("(?, ?, ?, 'CHAT', ?, ?, ?, ?)");
			insertParams.addAll(Arrays.asList(row));
		}
		jdbc.sql(insert.toString()).params(insertParams).update();
		MessagesPosted.inGroups(posted).forEach(events::publishEvent);
		return outcomes;
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
		long rev = nextSeq(member.conversationId());
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
		return find(member.conversationId(), seq).orElseThrow();
	}

	/**
	 * Removes the author's own chat message (and its files), within five minutes; its
	 * place stays, marked removed.
	 */
	@Transactional
	public Item delete(Member member, long seq) {
		Item item = ownRecent(member, seq);
		long rev = nextSeq(member.conversationId());
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
		return find(member.conversationId(), seq).orElseThrow();
	}

	private Item ownRecent(Member member, long seq) {
		lockOpen(member);
		Item item = find(member.conversationId(), seq).orElseThrow(Refused::notFound);
		if (!item.authorId().equals(member.accountId()) || item.kind() != Kind.CHAT) {
			throw Refused.as("not-allowed", "message",
					"Only the person who wrote a chat message may change or remove it.");
		}
		if (item.deleted()) {
			throw Refused.as("not-allowed", "message", "This message was already removed.");
		}
		if (clock.instant().isAfter(item.postedAt().plus(EDIT_WINDOW))) {
			throw Refused.as("not-allowed", "message",
					"A message can be changed or removed for 5 minutes after it was sent.");
		}
		return item;
	}

	/**
	 * Locks the conversation's row until the transaction ends; its last sequence, unless
	 * it is closed.
	 */
	private long lockOpen(Member member) {
		record Row(long lastSeq, boolean closed) {
		}
		Row row = jdbc.sql("select last_seq, closed_at from conversation where id = :id for update")
			.param("id", member.conversationId())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2) != null))
			.optional()
			.orElseThrow(Refused::notFound);
		if (row.closed() || !member.open()) {
			throw Refused.closed();
		}
		return row.lastSeq();
	}

	private long nextSeq(UUID conversationId) {
		jdbc.sql("update conversation set last_seq = last_seq + 1 where id = :id").param("id", conversationId).update();
		return lastSeq(conversationId);
	}

	public long lastSeq(UUID conversationId) {
		return jdbc.sql("select last_seq from conversation where id = :id")
			.param("id", conversationId)
			.query(Long.class)
			.single();
	}

	public boolean isClosed(UUID conversationId) {
		return jdbc.sql("select closed_at is not null from conversation where id = :id")
			.param("id", conversationId)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	@Transactional(readOnly = true)
	public Optional<Item> find(UUID conversationId, long seq) {
		List<Item> found = jdbc.sql("select * from conversation_item where conversation_id = :c and seq = :seq")
			.param("c", conversationId)
			.param("seq", seq)
			.query(this::item)
			.list();
		return withAttachments(conversationId, found).stream().findFirst();
	}

	/**
	 * Items changed (new, edited or removed) after {@code after}, oldest change first.
	 */
	@Transactional(readOnly = true)
	public List<Item> changedAfter(UUID conversationId, long after, int limit) {
		return withAttachments(conversationId, jdbc
			.sql("""
					select * from conversation_item where conversation_id = :c and rev > :after order by rev limit :limit""")
			.param("c", conversationId)
			.param("after", after)
			.param("limit", limit)
			.query(this::item)
			.list());
	}

	/** Up to {@code limit} items before {@code before} (all when null), oldest first. */
	@Transactional(readOnly = true)
	public List<Item> before(UUID conversationId, Long before, int limit) {
		List<Item> newestFirst = jdbc
			.sql("""
					select * from conversation_item where conversation_id = :c and seq < :before order by seq desc limit :limit""")
			.param("c", conversationId)
			.param("before", before == null ? Long.MAX_VALUE : before)
			.param("limit", limit)
			.query(this::item)
			.list();
		List<Item> items = new ArrayList<>(newestFirst);
		Collections.reverse(items);
		return withAttachments(conversationId, items);
	}

	/** The whole timeline in order, for an export. */
	@Transactional(readOnly = true)
	public List<Item> all(UUID conversationId) {
		return withAttachments(conversationId,
				jdbc.sql("select * from conversation_item where conversation_id = :c order by seq")
					.param("c", conversationId)
					.query(this::item)
					.list());
	}

	/** The letters of one thread in order. */
	@Transactional(readOnly = true)
	public List<Item> letters(UUID conversationId, UUID threadId) {
		return withAttachments(conversationId, jdbc
			.sql("""
					select * from conversation_item where conversation_id = :c and thread_id = :t and kind = 'LETTER' order by seq""")
			.param("c", conversationId)
			.param("t", threadId)
			.query(this::item)
			.list());
	}

	/**
	 * One audit entry for one view of a conversation (a page, a history page, an export),
	 * not one per message.
	 */
	@Transactional
	public void recordRead(Member member, String what) {
		audit.record(AuditTrail.account(member.accountId()), "CONVERSATION_READ",
				"conversation:" + member.conversationId(), what);
	}

	/**
	 * Moves the member's receipt watermarks forward (never back, never past the last
	 * sequence).
	 */
	@Transactional
	public Receipts receipt(Member member, Long delivered, Long read) {
		String side = member.isClient() ? "client" : "therapist";
		jdbc.sql("update conversation set " + side + "_delivered = greatest(" + side
				+ "_delivered, least(:delivered, last_seq)), " + side + "_read = greatest(" + side
				+ "_read, least(:read, last_seq)) where id = :id")
			.param("delivered", Math.max(delivered == null ? 0 : delivered, read == null ? 0 : read))
			.param("read", read == null ? 0 : read)
			.param("id", member.conversationId())
			.update();
		return receipts(member.conversationId());
	}

	public Receipts receipts(UUID conversationId) {
		return jdbc.sql(
				"select client_delivered, client_read, therapist_delivered, therapist_read from conversation where id = :id")
			.param("id", conversationId)
			.query((rs, n) -> new Receipts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	private List<Item> withAttachments(UUID conversationId, List<Item> items) {
		List<Long> seqs = items.stream().filter(i -> !i.deleted()).map(Item::seq).toList();
		if (seqs.isEmpty()) {
			return items;
		}
		Map<Long, List<AttachmentInfo>> files = new HashMap<>();
		jdbc.sql("""
				select id, item_seq, name, media_type, size_bytes from message_attachment
				where conversation_id = :c and item_seq in (:seqs) order by created_at""")
			.param("c", conversationId)
			.param("seqs", seqs)
			.query((rs, n) -> {
				String type = rs.getString("media_type");
				files.computeIfAbsent(rs.getLong("item_seq"), k -> new ArrayList<>())
					.add(new AttachmentInfo(rs.getObject("id", UUID.class), encryption.decrypt(rs.getString("name")),
							type, rs.getLong("size_bytes"), Attachments.INLINE_TYPES.contains(type)));
				return null;
			})
			.list();
		return items.stream()
			.map(i -> files.containsKey(i.seq()) ? i.withAttachments(List.copyOf(files.get(i.seq()))) : i)
			.toList();
	}

	private Item item(ResultSet rs, int row) throws SQLException {
		UUID conversation = rs.getObject("conversation_id", UUID.class);
		UUID author = rs.getObject("author_id", UUID.class);
		String body = rs.getString("body");
		Kind kind = Kind.valueOf(rs.getString("kind"));
		UUID thread = rs.getObject("thread_id", UUID.class);
		return new Item(conversation, rs.getLong("seq"), rs.getLong("rev"), kind, author,
				author.equals(clientOf(conversation)), rs.getString("client_key"),
				body == null ? null : encryption.decrypt(body), thread, thread == null ? null : subject(thread),
				instant(rs, "posted_at"), instant(rs, "edited_at"), instant(rs, "deleted_at"), List.of());
	}

	private final Map<UUID, UUID> clients = new ConcurrentHashMap<>();

	/**
	 * A conversation's client never changes, so it is looked up once per conversation and
	 * node.
	 */
	private UUID clientOf(UUID conversationId) {
		return clients.computeIfAbsent(conversationId,
				id -> jdbc.sql("select client_id from conversation where id = :id")
					.param("id", id)
					.query(UUID.class)
					.single());
	}

	private String subject(UUID threadId) {
		return jdbc.sql("select subject from letter_thread where id = :id")
			.param("id", threadId)
			.query(String.class)
			.optional()
			.map(encryption::decrypt)
			.orElse("");
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	/**
	 * @param duplicate true when the item had been stored before under the same client
	 * key (a resend)
	 */
	public record Posted(Item item, boolean duplicate, long lastSeq) {
	}

	public record Receipts(long clientDelivered, long clientRead, long therapistDelivered, long therapistRead) {
	}

}

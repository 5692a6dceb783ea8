package org.haven.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.messaging.internal.Item.Kind;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rows of {@code conversation_item} as items: opened (FieldEncryption), with their
 * author's side, their letter's subject and their files. Shared by the reads of the
 * timeline and by posting, which reads back what a resend had stored.
 */
@Component
class ItemRows {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final Map<UUID, UUID> clients = new ConcurrentHashMap<>();

	ItemRows(JdbcClient jdbc, FieldEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/**
	 * The items {@code sql} selects (whole {@code conversation_item} rows), without their
	 * files.
	 */
	List<Item> items(String sql, Map<String, ?> params) {
		return jdbc.sql(sql).params(params).query(this::item).list();
	}

	/**
	 * The items {@code sql} selects, its {@code ?} bound in order (an array is one
	 * parameter).
	 */
	List<Item> items(String sql, Object... params) {
		JdbcClient.StatementSpec spec = jdbc.sql(sql);
		for (Object param : params) {
			spec = spec.param(param);
		}
		return spec.query(this::item).list();
	}

	/**
	 * The items {@code sql} selects in one conversation, with their files (a deleted item
	 * has none).
	 */
	List<Item> withAttachments(UUID conversationId, String sql, Map<String, ?> params) {
		return withAttachments(conversationId, items(sql, params));
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
				instant(rs, "posted_at"), instant(rs, "edited_at"), instant(rs, "deleted_at"), List.of(),
				rs.getString("text_state"));
	}

	/** The items with their files, in the same order. */
	List<Item> withAttachments(UUID conversationId, List<Item> items) {
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

}

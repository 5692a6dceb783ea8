package org.haven.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.messaging.Conversations.Unread;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Per recipient and conversation, the newest sequence a mail about unread items was sent
 * for. What is at or below the mark was announced once and is never announced again, read
 * or not.
 */
@Component
class UnreadMarks {

	private final JdbcClient jdbc;

	UnreadMarks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Of what the account has not read, the conversations with something newer than was
	 * announced.
	 */
	List<Unread> notYetAnnounced(UUID accountId, List<Unread> unread) {
		Map<UUID, Long> marks = new HashMap<>();
		jdbc.sql("select conversation_id, notified_seq from unread_notified where account_id = :a")
			.param("a", accountId)
			.query((rs, n) -> marks.put(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
		return unread.stream().filter(u -> u.newestUnread() > marks.getOrDefault(u.conversationId(), 0L)).toList();
	}

	/** Moves the marks up to what is being announced now (never down). */
	void advance(UUID accountId, List<Unread> announced) {
		for (Unread u : announced) {
			int updated = jdbc
				.sql("""
						update unread_notified set notified_seq = greatest(notified_seq, :seq) where account_id = :a and conversation_id = :c""")
				.param("seq", u.newestUnread())
				.param("a", accountId)
				.param("c", u.conversationId())
				.update();
			if (updated == 0) {
				jdbc.sql(
						"insert into unread_notified (account_id, conversation_id, notified_seq) values (:a, :c, :seq)")
					.param("a", accountId)
					.param("c", u.conversationId())
					.param("seq", u.newestUnread())
					.update();
			}
		}
	}

	/**
	 * The same recipient and the same marks give the same key: the outbox stores such a
	 * mail once.
	 */
	static String dedupeKey(UUID accountId, List<Unread> announced) {
		String marks = announced.stream()
			.sorted(Comparator.comparing(Unread::conversationId))
			.map(u -> u.conversationId() + "=" + u.newestUnread())
			.collect(Collectors.joining(";"));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(marks.getBytes(StandardCharsets.UTF_8));
			return "unread:" + accountId + ":" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}

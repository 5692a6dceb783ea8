package org.haven.messaging.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The letter_thread table: one row per thread, its sealed subject, who wrote last and
 * when, and how far each party has read (the highest sequence of the thread's letters
 * they have seen; notifications relies on that meaning).
 */
@Repository
class LetterStore {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	LetterStore(JdbcClient jdbc, FieldEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/**
	 * Locks the conversation's row for the rest of the transaction, so that a letter and
	 * its thread are written by one sender at a time; true when the conversation takes
	 * nothing new.
	 */
	boolean lockClosed(UUID conversationId) {
		return jdbc.sql("select closed_at is not null from conversation where id = :id for update")
			.param("id", conversationId)
			.query(Boolean.class)
			.optional()
			.orElseThrow(Refused::notFound);
	}

	/**
	 * The thread of the letter this author already sent under the client key (a form sent
	 * twice).
	 */
	Optional<Sent> sentUnder(UUID conversationId, UUID authorId, String clientKey) {
		return jdbc.sql(
				"select kind, seq, thread_id from conversation_item where conversation_id = :c and author_id = :a and client_key = :k")
			.param("c", conversationId)
			.param("a", authorId)
			.param("k", clientKey)
			.query((rs, n) -> new Sent(rs.getString("kind"), rs.getLong("seq"), rs.getObject("thread_id", UUID.class)))
			.optional();
	}

	UUID create(UUID conversationId, String subject, UUID authorId, Instant now) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into letter_thread (id, conversation_id, subject, started_by, started_at, last_letter_at, last_author_id)
						values (:id, :c, :subject, :author, :now, :now, :author)""")
			.param("id", id)
			.param("c", conversationId)
			.param("subject", encryption.encrypt(subject))
			.param("author", authorId)
			.param("now", Timestamps.utc(now))
			.update();
		return id;
	}

	/**
	 * A new letter in the thread: it now awaits the other party, and its author has read
	 * everything up to it.
	 */
	void lettered(UUID threadId, UUID authorId, boolean byClient, long seq, Instant at) {
		String side = byClient ? "client_read" : "therapist_read";
		jdbc.sql("update letter_thread set last_letter_at = :at, last_author_id = :author, " + side + " = greatest("
				+ side + ", :seq)" + " where id = :id")
			.param("at", Timestamps.utc(at))
			.param("author", authorId)
			.param("seq", seq)
			.param("id", threadId)
			.update();
	}

	/**
	 * The reader has seen every letter of the thread: its read mark moves up to the
	 * newest (never down).
	 */
	void markRead(UUID threadId, boolean client) {
		String side = client ? "client_read" : "therapist_read";
		jdbc.sql("update letter_thread set " + side + " = greatest(" + side
				+ ", (select coalesce(max(i.seq), 0) from conversation_item i"
				+ " where i.thread_id = letter_thread.id and i.conversation_id = letter_thread.conversation_id and i.kind = 'LETTER'))"
				+ " where id = :id")
			.param("id", threadId)
			.update();
	}

	/** The conversation's threads, newest activity first. */
	List<Row> threads(UUID conversationId, UUID readerId) {
		return jdbc.sql(SELECT + " where t.conversation_id = :c order by last_seq desc, t.id")
			.param("c", conversationId)
			.param("me", readerId)
			.query(this::row)
			.list();
	}

	Optional<Row> thread(UUID conversationId, UUID threadId, UUID readerId) {
		return jdbc.sql(SELECT + " where t.conversation_id = :c and t.id = :id")
			.param("c", conversationId)
			.param("id", threadId)
			.param("me", readerId)
			.query(this::row)
			.optional();
	}

	private static final String SELECT = """
			select t.id, t.subject, t.started_by, t.last_letter_at, t.last_author_id,
			  (case when c.client_id = :me then t.client_read else t.therapist_read end) as my_read,
			  (select count(*) from conversation_item i where i.conversation_id = t.conversation_id and i.thread_id = t.id
			     and i.kind = 'LETTER') as letters,
			  (select coalesce(max(i.seq), 0) from conversation_item i where i.conversation_id = t.conversation_id and i.thread_id = t.id
			     and i.kind = 'LETTER') as last_seq,
			  (select coalesce(max(i.seq), 0) from conversation_item i where i.conversation_id = t.conversation_id and i.thread_id = t.id
			     and i.kind = 'LETTER' and i.author_id <> :me) as newest_from_peer
			from letter_thread t join conversation c on c.id = t.conversation_id""";

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), encryption.decrypt(rs.getString("subject")),
				rs.getObject("started_by", UUID.class),
				rs.getObject("last_letter_at", OffsetDateTime.class).toInstant(),
				rs.getObject("last_author_id", UUID.class), rs.getInt("letters"),
				rs.getLong("newest_from_peer") > rs.getLong("my_read"));
	}

	record Sent(String kind, long seq, UUID threadId) {
	}

	/**
	 * @param unread whether the other party wrote a letter in the thread that the reader
	 * has not opened
	 */
	record Row(UUID id, String subject, UUID startedBy, Instant lastLetterAt, UUID lastAuthorId, int letters,
			boolean unread) {
	}

}

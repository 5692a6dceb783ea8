package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Letters being written, saved as the author types: one per author, conversation and
 * thread (no thread: a letter that starts one), sealed like the letters themselves. A
 * draft keeps whatever was typed, within the size limits; the rules of a letter apply
 * when it is sent. Its id becomes the letter's client key, so a save that arrives after
 * the letter went (a page closing as the form is sent) is ignored.
 */
@Service
public class LetterDrafts {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final LetterStore threads;

	private final Clock clock;

	LetterDrafts(JdbcClient jdbc, FieldEncryption encryption, LetterStore threads, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.threads = threads;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<Draft> find(Member member, UUID threadId) {
		return jdbc.sql(
				"select id, thread_id, subject, body, updated_at from letter_draft where author_id = :a and conversation_id = :c and "
						+ sameThread(threadId))
			.param("a", member.accountId())
			.param("c", member.conversationId())
			.params(threadParam(threadId))
			.query((rs, n) -> new Draft(rs.getObject("id", UUID.class), rs.getObject("thread_id", UUID.class),
					encryption.decrypt(rs.getString("subject")), encryption.decrypt(rs.getString("body")),
					rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * Saves the draft for the thread (null: a new one), replacing what was saved before.
	 */
	@Transactional
	public Saved save(Member member, UUID draftId, UUID threadId, String subject, String body) {
		String cleanSubject = subject == null ? "" : subject;
		String cleanBody = LetterText.lines(body == null ? "" : body);
		if (cleanSubject.length() > LetterText.MAX_SUBJECT * 2) {
			throw Refusal.of("subject", "The subject is too long to keep: a subject may be at most 200 characters.");
		}
		if (cleanBody.length() > LetterText.MAX_BODY) {
			throw Refusal.of("body", "A letter may be at most 100,000 characters.");
		}
		// Saves of one conversation take turns (two tabs saving at once update one draft,
		// not insert two).
		if (!member.open() || threads.lockClosed(member.conversationId())) {
			throw Refused.closed();
		}
		if (threadId != null && threads.thread(member.conversationId(), threadId, member.accountId()).isEmpty()) {
			throw Refused.notFound();
		}
		Instant now = clock.instant();
		if (threads.sentUnder(member.conversationId(), member.accountId(), draftId.toString()).isPresent()) {
			return new Saved(draftId, now, true);
		}
		try {
			if (update(member, draftId, threadId, cleanSubject, cleanBody, now) == 0) {
				jdbc.sql("""
						insert into letter_draft (id, conversation_id, author_id, thread_id, subject, body, updated_at)
						values (:id, :c, :a, :t, :subject, :body, :now)""")
					.param("id", draftId)
					.param("c", member.conversationId())
					.param("a", member.accountId())
					.param("t", threadId)
					.param("subject", encryption.encrypt(cleanSubject))
					.param("body", encryption.encrypt(cleanBody))
					.param("now", Timestamps.utc(now))
					.update();
			}
		}
		catch (DuplicateKeyException ex) {
			throw Refusal.of("draft", "This draft's id belongs to another letter: reload the page and write again.");
		}
		return new Saved(draftId, now, false);
	}

	private int update(Member member, UUID draftId, UUID threadId, String subject, String body, Instant now) {
		return jdbc
			.sql("update letter_draft set id = :id, subject = :subject, body = :body, updated_at = :now"
					+ " where author_id = :a and conversation_id = :c and " + sameThread(threadId))
			.param("id", draftId)
			.param("subject", encryption.encrypt(subject))
			.param("body", encryption.encrypt(body))
			.param("now", Timestamps.utc(now))
			.param("a", member.accountId())
			.param("c", member.conversationId())
			.params(threadParam(threadId))
			.update();
	}

	/** The letter was sent: its draft goes. */
	void delete(Member member, UUID threadId) {
		jdbc.sql("delete from letter_draft where author_id = :a and conversation_id = :c and " + sameThread(threadId))
			.param("a", member.accountId())
			.param("c", member.conversationId())
			.params(threadParam(threadId))
			.update();
	}

	private static String sameThread(UUID threadId) {
		return threadId == null ? "thread_id is null" : "thread_id = :t";
	}

	private static Map<String, Object> threadParam(UUID threadId) {
		return threadId == null ? Map.of() : Map.of("t", threadId);
	}

	/**
	 * @param subject empty for a reply's draft
	 */
	public record Draft(UUID id, UUID threadId, String subject, String body, Instant updatedAt) {
	}

	/**
	 * @param alreadySent the letter with this draft's id had been sent: nothing was saved
	 */
	public record Saved(UUID id, Instant savedAt, boolean alreadySent) {
	}

}

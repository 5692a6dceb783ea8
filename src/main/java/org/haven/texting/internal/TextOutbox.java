package org.haven.texting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.messaging.TextMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Texts waiting to go out and what became of them. A text is leased before it is sent, so
 * two nodes (or two rounds of one) never send it together; a lease held by a node that
 * died runs out and another node resumes it at its first unacknowledged segment. Bodies
 * are encrypted, and erased once the text's fate is known.
 */
@Component
public class TextOutbox {

	private static final Logger log = LoggerFactory.getLogger(TextOutbox.class);

	static final Duration LEASE = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final Clock clock;

	private final ObjectProvider<TextMessages> conversations;

	TextOutbox(JdbcClient jdbc, FieldEncryption encryption, Clock clock, ObjectProvider<TextMessages> conversations) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.clock = clock;
		this.conversations = conversations;
	}

	/**
	 * Shows a text's new state beside it in its conversation, when it carries a
	 * therapist's reply. A failure here never holds up sending: the page shows the last
	 * state it was told, and the next change tells it again.
	 */
	private void told(UUID id) {
		record Carried(UUID conversationId, long seq, String status) {
		}
		try {
			jdbc.sql(
					"select conversation_id, item_seq, status from text_outbox where id = :id and conversation_id is not null")
				.param("id", id)
				.query((rs, n) -> new Carried((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3)))
				.optional()
				.ifPresent(c -> conversations.getObject().textState(c.conversationId(), c.seq(), c.status()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not show text {}'s state in its conversation: {}", id, ex.getClass().getSimpleName());
		}
	}

	/**
	 * Stores a text to send. Refuses an empty or oversize text (more than 10 segments)
	 * with {@link IllegalArgumentException}, storing nothing.
	 * @param recipient an E.164 number
	 * @param notAfter a text still unsent then is dropped (a reminder after its session),
	 * or null
	 */
	public UUID queue(String recipient, UUID accountId, Purpose purpose, String body, Instant notAfter) {
		return queue(recipient, accountId, purpose, body, null, notAfter, null).orElseThrow();
	}

	/**
	 * Stores a text to send, no earlier than {@code notBefore} (null: now), for the
	 * conversation item it carries (or null). A second text for the same item stores
	 * nothing: empty.
	 */
	Optional<UUID> queue(String recipient, UUID accountId, Purpose purpose, String body, Instant notBefore,
			Instant notAfter, Item item) {
		if (recipient == null || !recipient.matches("\\+[1-9][0-9]{6,14}")) {
			throw new IllegalArgumentException("A text goes to a number in E.164 form, such as +14155552671");
		}
		// A phone joins the parts of long texts by this reference: texts to one number
		// take
		// them in turn, so two of them on the way at once never share one.
		int ref = (int) (jdbc.sql("select count(*) from text_outbox where recipient = :recipient")
			.param("recipient", recipient)
			.query(Long.class)
			.single() % 256);
		SmsSegments split = SmsSegments.of(body == null ? "" : body, ref);
		UUID id = UUID.randomUUID();
		OffsetDateTime now = Timestamps.utc(clock.instant());
		int stored = jdbc
			.sql("""
					insert into text_outbox (id, recipient, account_id, purpose, body, encoding, segments, concat_ref, status,
					created_at, next_attempt_at, not_after, conversation_id, item_seq) values (:id, :recipient, :account,
					:purpose, :body, :encoding, :segments, :ref, 'QUEUED', :now, :next, :notAfter, :conversation, :seq)
					on conflict do nothing""")
			.param("id", id)
			.param("recipient", recipient)
			.param("account", accountId)
			.param("purpose", purpose.name())
			.param("body", encryption.encrypt(body))
			.param("encoding", split.encoding().label())
			.param("segments", split.size())
			.param("ref", ref)
			.param("now", now)
			.param("notAfter", notAfter == null ? null : Timestamps.utc(notAfter))
			.param("next", notBefore == null ? now : Timestamps.utc(notBefore))
			.param("conversation", item == null ? null : item.conversationId())
			.param("seq", item == null ? null : item.seq())
			.update();
		return stored == 1 ? Optional.of(id) : Optional.empty();
	}

	/** A conversation's item a text carries. */
	record Item(UUID conversationId, long seq) {
	}

	/** Texts due now that nobody holds, oldest first. */
	List<UUID> due(int limit) {
		return jdbc.sql("""
				select id from text_outbox where status = 'QUEUED' and next_attempt_at <= :now
				and (lease_until is null or lease_until < now()) order by next_attempt_at limit :limit""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * Takes the text if it is still due and nobody holds it. The lease runs on the
	 * database's clock, the one every node shares.
	 */
	boolean lease(UUID id) {
		return jdbc.sql("""
				update text_outbox set lease_until = now() + make_interval(secs => :lease) where id = :id
				and status = 'QUEUED' and next_attempt_at <= :now and (lease_until is null or lease_until < now())""")
			.param("lease", LEASE.toSeconds())
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", id)
			.update() == 1;
	}

	Optional<Pending> pending(UUID id) {
		return jdbc.sql("select * from text_outbox where id = :id and status = 'QUEUED'")
			.param("id", id)
			.query((rs, n) -> new Pending(id, rs.getString("recipient"), encryption.decrypt(rs.getString("body")),
					Purpose.valueOf(rs.getString("purpose")), rs.getInt("segments"), rs.getInt("segments_sent"),
					rs.getInt("concat_ref"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getInt("attempts"),
					Optional.ofNullable(rs.getObject("not_after", OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null)))
			.optional();
	}

	/**
	 * The SMSC accepted a segment: recorded at once, so a drop after this never sends it
	 * again.
	 */
	@Transactional
	void segmentAccepted(UUID id, int segment, String smscMessageId, boolean last) {
		jdbc.sql("insert into text_segment (text_id, segment, smsc_message_id) values (:id, :segment, :smsc)")
			.param("id", id)
			.param("segment", segment)
			.param("smsc", smscMessageId)
			.update();
		OffsetDateTime now = Timestamps.utc(clock.instant());
		jdbc.sql("""
				update text_outbox set segments_sent = :sent, status = case when :last then 'SUBMITTED' else status end,
				submitted_at = case when :last then :now else submitted_at end,
				lease_until = case when :last then null else lease_until end,
				attempts = case when :last then attempts + 1 else attempts end, last_error = null where id = :id""")
			.param("sent", segment + 1)
			.param("last", last)
			.param("now", now)
			.param("id", id)
			.update();
		if (last) {
			// The receipts of the earlier segments may be in already.
			settle(id);
			told(id);
		}
	}

	/**
	 * A passing refusal (throttled, queue full, link trouble): try again after a pause.
	 */
	void retryLater(UUID id, Duration pause, String error) {
		jdbc.sql("""
				update text_outbox set attempts = attempts + 1, next_attempt_at = :next, lease_until = null,
				last_error = :error where id = :id and status = 'QUEUED'""")
			.param("next", Timestamps.utc(clock.instant().plus(pause)))
			.param("error", error)
			.param("id", id)
			.update();
	}

	/** Releases a text untouched (the link dropped before it was tried). */
	void release(UUID id) {
		jdbc.sql("update text_outbox set lease_until = null where id = :id and status = 'QUEUED'")
			.param("id", id)
			.update();
	}

	/** Ends a text that did not reach the SMSC, or whose fate Haven cannot know. */
	void end(UUID id, TextStatus status, String error) {
		int ended = jdbc
			.sql("""
					update text_outbox set status = :status, done_at = :now, lease_until = null, body = '', last_error = :error
					where id = :id and status = 'QUEUED'""")
			.param("status", status.name())
			.param("now", Timestamps.utc(clock.instant()))
			.param("error", error)
			.param("id", id)
			.update();
		if (ended == 1) {
			told(id);
		}
	}

	/**
	 * A delivery receipt for one segment. The text is DELIVERED once every segment is,
	 * and takes the first failure any segment reports.
	 * @return the text whose status changed, if any
	 */
	@Transactional
	public Optional<UUID> receipt(String smscMessageId, TextStatus outcome) {
		List<UUID> texts = jdbc.sql("""
				update text_segment set receipt = :outcome where smsc_message_id = :smsc and receipt is null
				returning text_id""")
			.param("outcome", outcome.name())
			.param("smsc", smscMessageId)
			.query(UUID.class)
			.list();
		if (texts.isEmpty() && !known(smscMessageId)) {
			jdbc.sql(
					"insert into text_receipt_early (smsc_message_id, outcome, received_at) values (:smsc, :outcome, :now)")
				.param("smsc", smscMessageId)
				.param("outcome", outcome.name())
				.param("now", Timestamps.utc(clock.instant()))
				.update();
			return Optional.empty();
		}
		if (texts.size() != 1) {
			// Already settled, or an id two texts share (an SMSC that reuses ids):
			// nothing
			// can be said for sure.
			return Optional.empty();
		}
		if (!settle(texts.get(0))) {
			return Optional.empty();
		}
		told(texts.get(0));
		return Optional.of(texts.get(0));
	}

	/**
	 * Settles a submitted text once its receipts say how it ended: the first failure of
	 * any segment, or DELIVERED when every segment was.
	 */
	private boolean settle(UUID id) {
		return jdbc
			.sql("""
					update text_outbox t set done_at = :now, body = '',
					status = coalesce((select s.receipt from text_segment s where s.text_id = t.id and s.receipt <> 'DELIVERED'
					order by s.segment limit 1), 'DELIVERED')
					where id = :id and status = 'SUBMITTED' and (exists (select 1 from text_segment s where s.text_id = t.id
					and s.receipt <> 'DELIVERED') or (select count(*) from text_segment s where s.text_id = t.id
					and s.receipt = 'DELIVERED') = t.segments)""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", id)
			.update() == 1;
	}

	private boolean known(String smscMessageId) {
		return jdbc.sql("select count(*) from text_segment where smsc_message_id = :smsc")
			.param("smsc", smscMessageId)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Applies receipts that came before their segment was recorded, and forgets those
	 * older than a day that never matched anything.
	 */
	int applyEarlyReceipts() {
		record Early(String smscMessageId, String outcome) {
		}
		List<Early> early = jdbc.sql("""
				select e.smsc_message_id, e.outcome from text_receipt_early e
				where exists (select 1 from text_segment s where s.smsc_message_id = e.smsc_message_id) limit 500""")
			.query((rs, n) -> new Early(rs.getString(1), rs.getString(2)))
			.list();
		for (Early receipt : early) {
			jdbc.sql("delete from text_receipt_early where smsc_message_id = :smsc")
				.param("smsc", receipt.smscMessageId())
				.update();
			receipt(receipt.smscMessageId(), TextStatus.valueOf(receipt.outcome()));
		}
		jdbc.sql("delete from text_receipt_early where received_at < :before")
			.param("before", Timestamps.utc(clock.instant().minus(Duration.ofDays(1))))
			.update();
		return early.size();
	}

	public Optional<TextStatus> status(UUID id) {
		return jdbc.sql("select status from text_outbox where id = :id")
			.param("id", id)
			.query(String.class)
			.optional()
			.map(TextStatus::valueOf);
	}

	/** Texts not yet settled with the SMSC (for operators, the health page and tests). */
	public long waiting() {
		return jdbc.sql("select count(*) from text_outbox where status = 'QUEUED'").query(Long.class).single();
	}

	/** Why a text is sent: each has its own consent rules. */
	public enum Purpose {

		CODE, REMINDER, CLINICAL, KEYWORD, NOTICE

	}

	record Pending(UUID id, String recipient, String body, Purpose purpose, int segments, int segmentsSent,
			int concatRef, Instant createdAt, int attempts, Instant notAfter) {
	}

}

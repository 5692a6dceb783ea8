package org.haven.messaging.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.care.CareRelationships.Party;
import org.haven.shared.time.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The row of each conversation: who its parties are, whether it is closed, its last
 * sequence number and both parties' receipt watermarks. Whoever adds to or changes the
 * timeline first locks this row ({@link #lockOpen}), so concurrent writers are ordered by
 * the database. The timeline itself is {@link Timeline} (reads) and {@link Posting}
 * (writes).
 */
@Service
public class ConversationStore {

	private final JdbcClient jdbc;

	private final CareRelationships care;

	private final Clock clock;

	private final TransactionTemplate separately;

	ConversationStore(JdbcClient jdbc, CareRelationships care, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.care = care;
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
	 * Locks the conversation's row until the transaction ends; its last sequence, unless
	 * it is closed.
	 */
	long lockOpen(Member member) {
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

	/**
	 * Locks the conversation's row until the transaction ends, open or closed: for
	 * changes that may come after care ended (what became of a text sent before).
	 */
	void lock(UUID conversationId) {
		jdbc.sql("select last_seq from conversation where id = :id for update")
			.param("id", conversationId)
			.query(Long.class)
			.optional()
			.orElseThrow(Refused::notFound);
	}

	/**
	 * Raises the last sequence number by one and returns it: the number of an edit or a
	 * deletion, whose row lock the caller holds.
	 */
	long nextSeq(UUID conversationId) {
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
		return state(member.conversationId()).receipts();
	}

	/**
	 * The row as its parties are told of it (its last number, whether it is closed, the
	 * receipts), in one statement.
	 */
	State state(UUID conversationId) {
		return jdbc
			.sql("""
					select last_seq, closed_at is not null, client_delivered, client_read, therapist_delivered, therapist_read
					from conversation where id = :id""")
			.param("id", conversationId)
			.query((rs, n) -> new State(rs.getLong(1), rs.getBoolean(2),
					new Receipts(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))))
			.single();
	}

	record State(long lastSeq, boolean closed, Receipts receipts) {
	}

	public record Receipts(long clientDelivered, long clientRead, long therapistDelivered, long therapistRead) {
	}

}

package org.haven.care.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareEnded;
import org.haven.care.CareRelationships;
import org.haven.care.CareStarted;
import org.haven.shared.time.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Care relationships: who is in care with whom, and who may act for a client. A
 * relationship starts only when a therapist accepts a request ({@link Intake}); either
 * party may end it, and its record stays.
 */
@Service
@Transactional(readOnly = true)
public class Relationships implements CareRelationships {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Relationships(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Every read of relationships goes through here, so that a relationship is read from
	 * its row in one way. The predicate is always a constant of this class.
	 */
	private List<Relationship> where(String predicate, Map<String, ?> params) {
		return jdbc.sql("select * from care_relationship where " + predicate)
			.params(params)
			.query(Relationships::relationship)
			.list();
	}

	private static Relationship relationship(ResultSet rs, int row) throws SQLException {
		OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
		return new Relationship(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
				ended == null ? null : ended.toInstant());
	}

	/**
	 * Starts care from an accepted request. Mandatory: the request's decision and the new
	 * relationship commit together or not at all, in the transaction of whoever accepts.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	UUID start(UUID requestId, UUID clientId, UUID therapistId) {
		UUID relationship = UUID.randomUUID();
		jdbc.sql("""
				insert into care_relationship (id, client_id, therapist_id, request_id, started_at)
				values (:id, :client, :therapist, :request, :now)""")
			.params(Map.of("id", relationship, "client", clientId, "therapist", therapistId, "request", requestId,
					"now", Timestamps.utc(clock.instant())))
			.update();
		audit.record(AuditTrail.account(therapistId), "CARE_STARTED", "care:" + relationship);
		events.publishEvent(new CareStarted(relationship, clientId, therapistId));
		return relationship;
	}

	/** Either party ends an active relationship; records stay. */
	@Transactional
	public boolean end(UUID accountId, UUID relationshipId) {
		Optional<Relationship> relationship = relationshipFor(accountId, relationshipId).filter(Relationship::active);
		if (relationship.isEmpty()) {
			return false;
		}
		jdbc.sql("update care_relationship set ended_at = :now, ended_by = :by where id = :id and ended_at is null")
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", accountId)
			.param("id", relationshipId)
			.update();
		audit.record(AuditTrail.account(accountId), "CARE_ENDED", "care:" + relationshipId);
		events.publishEvent(
				new CareEnded(relationshipId, relationship.get().clientId(), relationship.get().therapistId()));
		return true;
	}

	@Override
	public List<Party> partiesOf(UUID accountId) {
		return relationshipsOf(accountId).stream().map(Relationships::party).toList();
	}

	@Override
	public Optional<Party> partyOf(UUID accountId, UUID relationshipId) {
		return relationshipFor(accountId, relationshipId).map(Relationships::party);
	}

	private static Party party(Relationship r) {
		return new Party(r.id(), r.clientId(), r.therapistId(), r.active());
	}

	public Optional<Relationship> relationshipFor(UUID viewerId, UUID relationshipId) {
		return where("id = :id and (client_id = :viewer or therapist_id = :viewer)",
				Map.of("id", relationshipId, "viewer", viewerId))
			.stream()
			.findFirst();
	}

	/**
	 * Relationships in which the account is the client or the therapist, active first.
	 */
	public List<Relationship> relationshipsOf(UUID accountId) {
		return where("""
				client_id = :id or therapist_id = :id
				order by case when ended_at is null then 0 else 1 end, started_at desc""", Map.of("id", accountId));
	}

	@Override
	public Optional<UUID> active(UUID clientId, UUID therapistId) {
		return where("client_id = :c and therapist_id = :t and ended_at is null",
				Map.of("c", clientId, "t", therapistId))
			.stream()
			.findFirst()
			.map(Relationship::id);
	}

	@Override
	public boolean mayAct(UUID accountId, UUID clientId) {
		return accountId.equals(clientId) || active(clientId, accountId).isPresent();
	}

	@Override
	public List<UUID> activeClientsOf(UUID therapistId) {
		return where("therapist_id = :t and ended_at is null order by started_at", Map.of("t", therapistId)).stream()
			.map(Relationship::clientId)
			.toList();
	}

}

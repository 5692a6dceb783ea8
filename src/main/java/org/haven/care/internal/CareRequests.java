package org.haven.care.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored care requests. What a client writes is encrypted here and decrypted only
 * here; every read of a whole request and every change of one is audited with it, so that
 * no caller can forget to. The rules of who may ask whom are {@link Intake}'s.
 */
@Repository
class CareRequests {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	CareRequests(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	UUID insert(UUID clientId, UUID therapistId, Intake.Answers answers) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into care_request (id, client_id, therapist_id, reason, preferred_modalities, jurisdiction, location,
						emergency_contact, status, created_at)
						values (:id, :client, :therapist, :reason, :modalities, :jurisdiction, :location, :contact, 'PENDING', :now)""")
			.param("id", id)
			.param("client", clientId)
			.param("therapist", therapistId)
			.param("reason", encryption.encrypt(answers.reason()))
			.param("modalities", String.join(",", answers.modalities()))
			.param("jurisdiction", answers.jurisdiction())
			.param("location", encryption.encrypt(answers.location()))
			.param("contact", encryption.encrypt(answers.emergencyContact()))
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(clientId), "CARE_REQUESTED", "care-request:" + id);
		return id;
	}

	boolean waiting(UUID clientId, UUID therapistId) {
		return !where("client_id = :c and therapist_id = :t and status = 'PENDING'",
				Map.of("c", clientId, "t", therapistId))
			.isEmpty();
	}

	/** A request, for one of its two parties only; the read is audited. */
	Optional<CareRequest> readBy(UUID viewerId, UUID requestId) {
		Optional<CareRequest> found = one("id = :id and (client_id = :viewer or therapist_id = :viewer)",
				Map.of("id", requestId, "viewer", viewerId));
		found.ifPresent(
				r -> audit.record(AuditTrail.account(viewerId), "CARE_REQUEST_READ", "care-request:" + requestId));
		return found;
	}

	/** A request addressed to this therapist, read to be answered. */
	Optional<CareRequest> toTherapist(UUID therapistId, UUID requestId) {
		return one("id = :id and therapist_id = :t", Map.of("id", requestId, "t", therapistId));
	}

	private Optional<CareRequest> one(String predicate, Map<String, ?> params) {
		return jdbc.sql("select * from care_request where " + predicate).params(params).query(this::request).optional();
	}

	Optional<String> latestJurisdiction(UUID clientId) {
		return jdbc
			.sql("select jurisdiction from care_request where client_id = :client order by created_at desc limit 1")
			.param("client", clientId)
			.query(String.class)
			.optional();
	}

	/** Without what the client wrote: lists do not need it, so it is not decrypted. */
	List<Listed> where(String predicate, Map<String, ?> params) {
		return jdbc.sql("select id, client_id, therapist_id, status, created_at from care_request where " + predicate)
			.params(params)
			.query((rs, n) -> new Listed(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					rs.getObject("therapist_id", UUID.class), CareRequest.Status.valueOf(rs.getString("status")),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/** Records a therapist's answer to a request that is still waiting. */
	void decide(CareRequest request, CareRequest.Status status, String message) {
		jdbc.sql(
				"update care_request set status = :status, therapist_message = :message, decided_at = :now where id = :id and status = 'PENDING'")
			.param("status", status.name())
			.param("message", message == null ? null : encryption.encrypt(message))
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", request.id())
			.update();
		if (status == CareRequest.Status.DECLINED) {
			audit.record(AuditTrail.account(request.therapistId()), "CARE_DECLINED", "care-request:" + request.id());
		}
	}

	boolean withdraw(UUID clientId, UUID requestId) {
		int updated = jdbc.sql("""
				update care_request set status = 'WITHDRAWN', decided_at = :now
				where id = :id and client_id = :client and status = 'PENDING'""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", requestId)
			.param("client", clientId)
			.update();
		if (updated == 1) {
			audit.record(AuditTrail.account(clientId), "CARE_REQUEST_WITHDRAWN", "care-request:" + requestId);
		}
		return updated == 1;
	}

	private CareRequest request(ResultSet rs, int row) throws SQLException {
		String message = rs.getString("therapist_message");
		OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
		return new CareRequest(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), encryption.decrypt(rs.getString("reason")),
				Arrays.asList(rs.getString("preferred_modalities").split(",")), rs.getString("jurisdiction"),
				encryption.decrypt(rs.getString("location")), encryption.decrypt(rs.getString("emergency_contact")),
				CareRequest.Status.valueOf(rs.getString("status")),
				message == null ? null : encryption.decrypt(message),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				decided == null ? null : decided.toInstant());
	}

	/** A request in a list: who, when and where it stands. */
	record Listed(UUID id, UUID clientId, UUID therapistId, CareRequest.Status status, Instant createdAt) {
	}

}

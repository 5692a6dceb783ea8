package org.haven.records.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.records.RiskFlagged;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores completed measures: filled in by the client, or administered by their therapist
 * during a session. Every submission carries the key its form was shown with, so a
 * retried submission stores nothing new and raises nothing new. Answers on the PHQ-9's
 * ninth item above "Not at all" raise {@link RiskFlagged} once, in the same transaction.
 */
@Service
public class Responses {

	private final JdbcClient jdbc;

	private final Assignments assignments;

	private final CareRelationships care;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Responses(JdbcClient jdbc, Assignments assignments, CareRelationships care, FieldEncryption encryption,
			AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.assignments = assignments;
		this.care = care;
		this.encryption = encryption;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The client's answers to a measure assigned to them: 404 for an assignment that is
	 * not theirs or no longer asked for, 409 once care with its therapist ended.
	 * @return the stored response: the earlier one when the key was seen before
	 */
	@Transactional
	public Submitted submit(UUID clientId, UUID assignmentId, String key, List<String> answers, String difficulty) {
		Assignment assignment = assignments.find(clientId, assignmentId)
			.orElseThrow(() -> Refusal.of("assignment", "No such questionnaire.").status(HttpStatus.NOT_FOUND));
		UUID submissionKey = key(key);
		Optional<Submitted> earlier = earlier(clientId, submissionKey);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Answers checked = Answers.check(assignment.instrument(), answers, difficulty);
		if (care.active(clientId, assignment.therapistId()).isEmpty()) {
			throw Refusal.of("assignment", "Your care with this therapist has ended, so the questionnaire is closed.")
				.status(HttpStatus.CONFLICT);
		}
		return store(clientId, assignment.therapistId(), assignment.id(), submissionKey, checked, null);
	}

	/** Answers the therapist entered for their client during a session. */
	@Transactional
	public Submitted administer(Reader writer, String instrumentCode, String key, List<String> answers,
			String difficulty) {
		Instrument instrument = Instrument.required(instrumentCode);
		UUID submissionKey = key(key);
		Optional<Submitted> earlier = earlier(writer.clientId(), submissionKey);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Answers checked = Answers.check(instrument, answers, difficulty);
		return store(writer.clientId(), writer.accountId(), null, submissionKey, checked, writer.accountId());
	}

	/** Whether this response of the client raised a risk; empty when it is not theirs. */
	@Transactional(readOnly = true)
	public Optional<Submitted> ofClient(UUID clientId, UUID responseId) {
		return jdbc
			.sql("""
					select r.id, f.id as flag from records_measure_response r left join records_risk_flag f on f.response_id = r.id
					where r.id = :id and r.client_id = :client""")
			.param("id", responseId)
			.param("client", clientId)
			.query((rs, n) -> new Submitted(rs.getObject("id", UUID.class), rs.getObject("flag", UUID.class) != null))
			.optional();
	}

	private Optional<Submitted> earlier(UUID clientId, UUID submissionKey) {
		Optional<UUID> owner = jdbc.sql("select client_id from records_measure_response where submission_key = :key")
			.param("key", submissionKey)
			.query(UUID.class)
			.optional();
		if (owner.isEmpty()) {
			return Optional.empty();
		}
		Refusal.when(!owner.get().equals(clientId), "submissionKey", "This form was sent before. Open it again.");
		UUID id = jdbc.sql("select id from records_measure_response where submission_key = :key")
			.param("key", submissionKey)
			.query(UUID.class)
			.single();
		return ofClient(clientId, id);
	}

	private Submitted store(UUID clientId, UUID therapistId, UUID assignmentId, UUID submissionKey, Answers answers,
			UUID administeredBy) {
		UUID id = UUID.randomUUID();
		var now = Timestamps.utc(clock.instant());
		int stored = jdbc
			.sql("""
					insert into records_measure_response (id, submission_key, client_id, therapist_id, assignment_id, instrument,
					answers, total, administered_by, completed_at)
					values (:id, :key, :client, :therapist, :assignment, :instrument, :answers, :total, :by, :now)
					on conflict (submission_key) do nothing""")
			.param("id", id)
			.param("key", submissionKey)
			.param("client", clientId)
			.param("therapist", therapistId)
			.param("assignment", assignmentId)
			.param("instrument", answers.instrument().name())
			.param("answers", encryption.encrypt(answers.line()))
			.param("total", encryption.encrypt(String.valueOf(answers.total())))
			.param("by", administeredBy)
			.param("now", now)
			.update();
		if (stored == 0) {
			// The same form sent twice at once: the other request stored it.
			return earlier(clientId, submissionKey).orElseThrow();
		}
		String actor = AuditTrail.account(administeredBy == null ? clientId : administeredBy);
		audit.record(actor, administeredBy == null ? "MEASURE_SUBMITTED" : "MEASURE_ADMINISTERED",
				"measure-response:" + id, "client:" + clientId);
		if (!answers.raisesRisk()) {
			return new Submitted(id, false);
		}
		UUID flag = UUID.randomUUID();
		jdbc.sql("""
				insert into records_risk_flag (id, response_id, client_id, therapist_id, raised_at)
				values (:id, :response, :client, :therapist, :now)""")
			.param("id", flag)
			.param("response", id)
			.param("client", clientId)
			.param("therapist", therapistId)
			.param("now", now)
			.update();
		audit.record(actor, "RISK_FLAGGED", "risk-flag:" + flag, "client:" + clientId);
		events.publishEvent(new RiskFlagged(flag, id, clientId, therapistId));
		return new Submitted(id, true);
	}

	private static UUID key(String key) {
		try {
			return UUID.fromString(key == null ? "" : key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("submissionKey", "This form is out of date. Open the questionnaire again.");
		}
	}

	/** A stored response, and whether it raised a risk. */
	public record Submitted(UUID id, boolean flagged) {
	}

}

package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The intake questionnaire a client fills in before their first session: saved as they
 * type, submitted once complete, then reviewed by their therapist. The answers are stored
 * as one sealed document; each save names the version it was made from, and a save from a
 * stale page (another window saved meanwhile) is refused with 409 rather than overwriting
 * newer answers. Every read of the answers is audited.
 */
@Service
public class IntakeQuestionnaire {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final JsonMapper json;

	private final ChartAccess access;

	private final AuditTrail audit;

	private final Clock clock;

	IntakeQuestionnaire(JdbcClient jdbc, FieldEncryption encryption, JsonMapper json, ChartAccess access,
			AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.json = json;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The client's questionnaire as this reader may see it: the client always (an empty
	 * one before the first save), anyone else once it was submitted. The read is audited
	 * when there are answers to read.
	 */
	@Transactional
	public Optional<Intake> read(ChartAccess.Reader reader) {
		Optional<Intake> found = find(reader.clientId());
		if (found.isEmpty()) {
			return reader.isClient() ? Optional.of(Intake.none(reader.clientId())) : Optional.empty();
		}
		if (!reader.isClient() && found.get().status() == Status.DRAFT) {
			return Optional.empty();
		}
		access.audit(reader, "INTAKE_READ", subject(reader.clientId()));
		return found;
	}

	/** Where the client's questionnaire stands, without reading the answers. */
	@Transactional(readOnly = true)
	public Optional<Progress> progress(UUID clientId) {
		return jdbc
			.sql("select status, submitted_at, reviewed_at, reviewed_by from records_intake where client_id = :c")
			.param("c", clientId)
			.query((rs, n) -> new Progress(Status.valueOf(rs.getString("status")), instant(rs, "submitted_at"),
					instant(rs, "reviewed_at"), rs.getObject("reviewed_by", UUID.class)))
			.optional();
	}

	/** Keeps the client's answers as they are, complete or not. */
	@Transactional
	public Saved save(UUID clientId, long version, IntakeAnswers answers) {
		return write(clientId, version, IntakeChecks.cleaned(answers, json), Status.DRAFT);
	}

	/**
	 * Submits the questionnaire to the therapist, refused while a required answer is
	 * missing.
	 */
	@Transactional
	public Saved submit(UUID clientId, long version, IntakeAnswers answers) {
		IntakeAnswers cleaned = IntakeChecks.cleaned(answers, json);
		IntakeChecks.complete(cleaned, json, clock);
		Saved saved = write(clientId, version, cleaned, Status.SUBMITTED);
		audit.record(AuditTrail.account(clientId), "INTAKE_SUBMITTED", subject(clientId));
		return saved;
	}

	/**
	 * The client's therapist in active care marks the submitted questionnaire reviewed.
	 */
	@Transactional
	public void review(ChartAccess.Reader writer) {
		Status status = progress(writer.clientId()).map(Progress::status).orElse(Status.DRAFT);
		if (status == Status.DRAFT) {
			throw Refusal.of("intake", "The client has not sent their questionnaire yet.").status(HttpStatus.NOT_FOUND);
		}
		int updated = jdbc.sql("""
				update records_intake set status = 'REVIEWED', reviewed_at = :now, reviewed_by = :by
				where client_id = :c and status = 'SUBMITTED'""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", writer.accountId())
			.param("c", writer.clientId())
			.update();
		if (updated == 0) {
			throw Refusal.of("intake", "This questionnaire was already reviewed.").status(HttpStatus.CONFLICT);
		}
		audit.record(AuditTrail.account(writer.accountId()), "INTAKE_REVIEWED", subject(writer.clientId()));
	}

	private Saved write(UUID clientId, long version, IntakeAnswers answers, Status status) {
		Instant now = clock.instant();
		int written = jdbc.sql(version == 0 ? """
				insert into records_intake (client_id, version, answers, status, updated_at, submitted_at)
				values (:c, 1, :answers, :status, :now, :submitted) on conflict (client_id) do nothing"""
				: """
						update records_intake set version = version + 1, answers = :answers, status = :status, updated_at = :now,
						submitted_at = :submitted where client_id = :c and version = :version and status = 'DRAFT'""")
			.param("c", clientId)
			.param("answers", encryption.encrypt(json.writeValueAsString(answers)))
			.param("status", status.name())
			.param("now", Timestamps.utc(now))
			.param("submitted", status == Status.SUBMITTED ? Timestamps.utc(now) : null)
			.param("version", version)
			.update();
		if (written == 0) {
			throw stale(clientId);
		}
		return new Saved(version + 1, now, status);
	}

	private Refusal stale(UUID clientId) {
		boolean sent = progress(clientId).map(p -> p.status() != Status.DRAFT).orElse(false);
		return Refusal.of("version", sent ? "You have already sent this questionnaire to your therapist."
				: "These answers were changed in another window since this page was opened. Reload the page to see them.")
			.status(HttpStatus.CONFLICT);
	}

	private Optional<Intake> find(UUID clientId) {
		return jdbc.sql("select * from records_intake where client_id = :c")
			.param("c", clientId)
			.query(this::intake)
			.optional();
	}

	private Intake intake(ResultSet rs, int n) throws SQLException {
		return new Intake(rs.getObject("client_id", UUID.class), rs.getLong("version"),
				json.readValue(encryption.decrypt(rs.getString("answers")), IntakeAnswers.class),
				Status.valueOf(rs.getString("status")), instant(rs, "updated_at"), instant(rs, "submitted_at"),
				instant(rs, "reviewed_at"), rs.getObject("reviewed_by", UUID.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static String subject(UUID clientId) {
		return "intake:" + clientId;
	}

	/** Where a questionnaire stands. */
	public enum Status {

		DRAFT, SUBMITTED, REVIEWED

	}

	/**
	 * A client's questionnaire with its answers.
	 *
	 * @param version 0 before the first save; the version the next save names
	 */
	public record Intake(UUID clientId, long version, IntakeAnswers answers, Status status, Instant updatedAt,
			Instant submittedAt, Instant reviewedAt, UUID reviewedBy) {

		static Intake none(UUID clientId) {
			return new Intake(clientId, 0, IntakeAnswers.none(), Status.DRAFT, null, null, null, null);
		}

		public boolean editable() {
			return status == Status.DRAFT;
		}

	}

	/** Where a questionnaire stands, without its answers. */
	public record Progress(Status status, Instant submittedAt, Instant reviewedAt, UUID reviewedBy) {
	}

	/**
	 * @param version the version the next save names
	 */
	public record Saved(long version, Instant savedAt, Status status) {
	}

}

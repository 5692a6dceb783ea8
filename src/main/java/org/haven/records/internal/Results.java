package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads completed measures (scores over time, one response in full) for a reader
 * {@link ChartAccess} allowed, auditing every read; and whether the client sees their own
 * progress, which their therapist decides.
 */
@Service
public class Results {

	private final JdbcClient jdbc;

	private final ChartAccess access;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	Results(JdbcClient jdbc, ChartAccess access, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The reader's view of the client's scores, oldest first: everything for their
	 * therapist (and break-glass), nothing for the client until their therapist shares
	 * it.
	 */
	@Transactional
	public List<Score> scores(Reader reader) {
		if (reader.isClient() && !shared(reader.clientId())) {
			return List.of();
		}
		access.audit(reader, "MEASURES_READ", "measures:" + reader.clientId());
		return list(reader.clientId());
	}

	/** The client's scores, oldest first, unaudited: for callers that audit the read. */
	@Transactional(readOnly = true)
	List<Score> list(UUID clientId) {
		return all(clientId, this::score);
	}

	/**
	 * Every response of the client with its answers, oldest first, unaudited: for the
	 * export, which audits itself.
	 */
	@Transactional(readOnly = true)
	List<Response> responses(UUID clientId) {
		return all(clientId, this::response);
	}

	private <T> List<T> all(UUID clientId, RowMapper<T> row) {
		return jdbc.sql("select * from records_measure_response where client_id = :client order by completed_at")
			.param("client", clientId)
			.query(row)
			.list();
	}

	/** One response with its answers, for anyone but the client; empty otherwise. */
	@Transactional
	public Optional<Response> response(Reader reader, UUID responseId) {
		if (reader.isClient()) {
			return Optional.empty();
		}
		Optional<Response> response = jdbc
			.sql("select * from records_measure_response where id = :id and client_id = :client")
			.param("id", responseId)
			.param("client", reader.clientId())
			.query(this::response)
			.optional();
		response.ifPresent(r -> access.audit(reader, "MEASURE_RESPONSE_READ", "measure-response:" + responseId));
		return response;
	}

	/** Whose response this is, for pages that then ask {@link ChartAccess}. */
	@Transactional(readOnly = true)
	public Optional<UUID> clientOf(UUID responseId) {
		return jdbc.sql("select client_id from records_measure_response where id = :id")
			.param("id", responseId)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Whether the client completed any questionnaire: whether there is anything to link
	 * to. No score or answer is read, so nothing is audited.
	 */
	@Transactional(readOnly = true)
	public boolean any(UUID clientId) {
		return jdbc.sql("select count(*) from records_measure_response where client_id = :client")
			.param("client", clientId)
			.query(Long.class)
			.single() > 0;
	}

	/** Whether the client's therapist shares the progress chart with them. */
	@Transactional(readOnly = true)
	public boolean shared(UUID clientId) {
		return jdbc.sql("select shared from records_measure_share where client_id = :client")
			.param("client", clientId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Shares the progress chart with the client, or stops sharing it; audited. */
	@Transactional
	public void share(Reader writer, boolean shared) {
		jdbc.sql(
				"""
						insert into records_measure_share (client_id, shared, changed_by, changed_at) values (:client, :shared, :by, :now)
						on conflict (client_id) do update set shared = :shared, changed_by = :by, changed_at = :now""")
			.param("client", writer.clientId())
			.param("shared", shared)
			.param("by", writer.accountId())
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(writer.accountId()), shared ? "PROGRESS_SHARED" : "PROGRESS_UNSHARED",
				"measures:" + writer.clientId(), "client:" + writer.clientId());
	}

	private Response response(ResultSet rs, int n) throws SQLException {
		return new Response(score(rs, n), Answers.parse(Instrument.valueOf(rs.getString("instrument")),
				encryption.decrypt(rs.getString("answers"))));
	}

	private Score score(ResultSet rs, int n) throws SQLException {
		Instrument instrument = Instrument.valueOf(rs.getString("instrument"));
		int total = Integer.parseInt(encryption.decrypt(rs.getString("total")));
		return new Score(rs.getObject("id", UUID.class), instrument,
				rs.getObject("completed_at", OffsetDateTime.class).toInstant(), total, instrument.band(total),
				rs.getObject("administered_by", UUID.class) != null);
	}

	/**
	 * One completed measure's total.
	 *
	 * @param administered entered by the therapist during a session
	 */
	public record Score(UUID id, Instrument instrument, Instant completedAt, int total, Instrument.Band band,
			boolean administered) {
	}

	/** A response with its answers, item by item. */
	public record Response(Score score, Answers answers) {
	}

}

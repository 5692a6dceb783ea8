package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.records.internal.Schedule.Opening;
import org.haven.records.internal.Schedule.Session;
import org.haven.scheduling.Appointments;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which measures a therapist asked a client for, and which are due now: computed from the
 * schedule, the client's booked sessions with that therapist and the clock, never stored,
 * so a moved or cancelled session moves the measure with it.
 */
@Service
@EnableConfigurationProperties(MeasuresProperties.class)
public class Assignments {

	private final JdbcClient jdbc;

	private final Appointments appointments;

	private final CareRelationships care;

	private final AuditTrail audit;

	private final MeasuresProperties properties;

	private final Clock clock;

	Assignments(JdbcClient jdbc, Appointments appointments, CareRelationships care, AuditTrail audit,
			MeasuresProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.appointments = appointments;
		this.care = care;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Assigns a measure: refused for an unknown measure or schedule, or weeks outside 1
	 * to 12 for a schedule by weeks.
	 */
	@Transactional
	public UUID assign(Reader writer, String instrumentCode, String scheduleCode, String weeksText) {
		Instrument instrument = Instrument.required(instrumentCode);
		Schedule schedule = schedule(scheduleCode);
		Integer weeks = schedule == Schedule.EVERY_N_WEEKS ? weeks(weeksText) : null;
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into records_measure_assignment (id, client_id, therapist_id, instrument, schedule, interval_weeks, assigned_at)
						values (:id, :client, :therapist, :instrument, :schedule, :weeks, :now)""")
			.param("id", id)
			.param("client", writer.clientId())
			.param("therapist", writer.accountId())
			.param("instrument", instrument.name())
			.param("schedule", schedule.name())
			.param("weeks", weeks)
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(writer.accountId()), "MEASURE_ASSIGNED", "measure-assignment:" + id,
				"client:" + writer.clientId());
		return id;
	}

	/** Stops an assignment of this writer's client; 404 for any other. */
	@Transactional
	public void stop(Reader writer, UUID assignmentId) {
		int stopped = jdbc.sql("""
				update records_measure_assignment set stopped_at = :now, stopped_by = :by
				where id = :id and client_id = :client and stopped_at is null""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", writer.accountId())
			.param("id", assignmentId)
			.param("client", writer.clientId())
			.update();
		if (stopped == 0) {
			throw Refusal.of("assignment", "No such questionnaire.").status(HttpStatus.NOT_FOUND);
		}
		audit.record(AuditTrail.account(writer.accountId()), "MEASURE_STOPPED", "measure-assignment:" + assignmentId,
				"client:" + writer.clientId());
	}

	/** The client's measures that are asked for (not stopped), oldest first. */
	@Transactional(readOnly = true)
	public List<Assignment> active(UUID clientId) {
		return jdbc.sql("""
				select * from records_measure_assignment where client_id = :client and stopped_at is null
				order by assigned_at""").param("client", clientId).query(Assignments::row).list();
	}

	/** Whose assignment this is (stopped or not), for pages that then ask ChartAccess. */
	@Transactional(readOnly = true)
	public Optional<UUID> clientOf(UUID assignmentId) {
		return jdbc.sql("select client_id from records_measure_assignment where id = :id")
			.param("id", assignmentId)
			.query(UUID.class)
			.optional();
	}

	/** An active assignment of this client. */
	@Transactional(readOnly = true)
	public Optional<Assignment> find(UUID clientId, UUID assignmentId) {
		return active(clientId).stream().filter(a -> a.id().equals(assignmentId)).findFirst();
	}

	/**
	 * The measures due for this client now, from therapists they are in active care with,
	 * each with the session it is for.
	 */
	@Transactional(readOnly = true)
	public List<Due> due(UUID clientId) {
		Instant now = clock.instant();
		List<Due> due = new ArrayList<>();
		for (Assignment assignment : active(clientId)) {
			if (care.active(clientId, assignment.therapistId()).isEmpty()) {
				continue;
			}
			opening(assignment, now).filter(opening -> !answeredSince(assignment, opening.from()))
				.ifPresent(opening -> due.add(new Due(assignment, opening.sessionStart())));
		}
		return due;
	}

	/** Whether this assignment is due now. */
	@Transactional(readOnly = true)
	public boolean isDue(Assignment assignment) {
		return due(assignment.clientId()).stream().anyMatch(d -> d.assignment().id().equals(assignment.id()));
	}

	private Optional<Opening> opening(Assignment assignment, Instant now) {
		List<Session> sessions = assignment.schedule() == Schedule.EVERY_SESSION
				|| assignment.schedule() == Schedule.EVERY_OTHER_SESSION
						? appointments.booked(assignment.clientId(), assignment.therapistId(), assignment.assignedAt())
							.stream()
							.map(a -> new Session(a.start(), a.end()))
							.toList()
						: List.of();
		return assignment.schedule()
			.opening(assignment.assignedAt(), assignment.weeks(), sessions, now, properties.openBefore());
	}

	private boolean answeredSince(Assignment assignment, Instant from) {
		return jdbc.sql("""
				select count(*) from records_measure_response
				where client_id = :client and instrument = :instrument and completed_at >= :from""")
			.param("client", assignment.clientId())
			.param("instrument", assignment.instrument().name())
			.param("from", Timestamps.utc(from))
			.query(Long.class)
			.single() > 0;
	}

	private static Schedule schedule(String code) {
		try {
			return Schedule.valueOf(code == null ? "" : code.strip());
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("schedule", "Choose how often the client fills it in.");
		}
	}

	private static int weeks(String text) {
		String message = "Enter a whole number of weeks from 1 to " + Schedule.MAX_WEEKS + ".";
		try {
			int weeks = Integer.parseInt(text == null ? "" : text.strip());
			Refusal.when(weeks < 1 || weeks > Schedule.MAX_WEEKS, "weeks", message);
			return weeks;
		}
		catch (NumberFormatException ex) {
			throw Refusal.of("weeks", message);
		}
	}

	private static Assignment row(ResultSet rs, int n) throws SQLException {
		return new Assignment(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), Instrument.valueOf(rs.getString("instrument")),
				Schedule.valueOf(rs.getString("schedule")), rs.getObject("interval_weeks", Integer.class),
				rs.getObject("assigned_at", OffsetDateTime.class).toInstant());
	}

	/**
	 * A measure due now.
	 *
	 * @param before the session it is asked for before, or null
	 */
	public record Due(Assignment assignment, Instant before) {
	}

}

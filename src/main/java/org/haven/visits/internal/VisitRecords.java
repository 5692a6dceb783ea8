package org.haven.visits.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.haven.audit.AuditTrail;
import org.haven.scheduling.AppointmentDetails;
import org.haven.shared.time.Timestamps;
import org.haven.visits.VisitEnded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The record of each visit: when it started (the first admission), when it ended and how
 * long it lasted.
 */
@Service
class VisitRecords {

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	VisitRecords(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Notes the start at the first admission; later admissions (after a send-back or a
	 * reconnect) keep it.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void started(AppointmentDetails appointment) {
		try {
			jdbc.sql("""
					insert into visit (appointment_id, client_id, therapist_id, modality, started_at)
					values (:id, :client, :therapist, :modality, :now)""")
				.param("id", appointment.id())
				.param("client", appointment.clientId())
				.param("therapist", appointment.therapistId())
				.param("modality", appointment.modality().name())
				.param("now", Timestamps.utc(clock.instant()))
				.update();
			audit.record(AuditTrail.account(appointment.therapistId()), "VISIT_STARTED",
					"appointment:" + appointment.id());
		}
		catch (DuplicateKeyException alreadyStarted) {
			// The visit was started before; its start stays the first admission.
		}
	}

	/** Ends the visit once; returns the event when this call ended it. */
	@Transactional
	public Optional<VisitEnded> ended(AppointmentDetails appointment, Object endedBy) {
		Instant now = clock.instant();
		Optional<Instant> started = jdbc
			.sql("select started_at from visit where appointment_id = :id and ended_at is null")
			.param("id", appointment.id())
			.query(OffsetDateTime.class)
			.optional()
			.map(OffsetDateTime::toInstant);
		if (started.isEmpty()) {
			return Optional.empty();
		}
		long seconds = Math.max(0, Duration.between(started.get(), now).toSeconds());
		int updated = jdbc.sql(
				"update visit set ended_at = :now, duration_seconds = :seconds where appointment_id = :id and ended_at is null")
			.param("now", Timestamps.utc(now))
			.param("seconds", seconds)
			.param("id", appointment.id())
			.update();
		if (updated != 1) {
			return Optional.empty();
		}
		VisitEnded event = new VisitEnded(appointment.id(), appointment.clientId(), appointment.therapistId(),
				appointment.modality().name(), started.get(), now, seconds);
		audit.record(AuditTrail.account(endedBy), "VISIT_ENDED", "appointment:" + appointment.id(),
				"seconds=" + seconds);
		events.publishEvent(event);
		return Optional.of(event);
	}

}

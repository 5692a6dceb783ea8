package org.haven.records;

import java.time.Duration;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.visits.VisitEnded;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Session notes for other modules' tests: the draft a visit's end opens, as the visits
 * module would announce it.
 */
public final class TestNotes {

	private final ApplicationContext context;

	private TestNotes(ApplicationContext context) {
		this.context = context;
	}

	public static TestNotes in(ApplicationContext context) {
		return new TestNotes(context);
	}

	/** Announces that the session's visit ended, as visits does after its commit. */
	public void visitEnded(UUID appointmentId, long durationSeconds) {
		AppointmentDetails session = context.getBean(Appointments.class).find(appointmentId).orElseThrow();
		VisitEnded ended = new VisitEnded(session.id(), session.clientId(), session.therapistId(),
				session.modality().name(), session.start(), session.start().plusSeconds(durationSeconds),
				durationSeconds);
		context.getBean(TransactionTemplate.class).executeWithoutResult(tx -> context.publishEvent(ended));
	}

	/** The draft a visit's end opened, once it is there. */
	public UUID draftAfterVisit(UUID appointmentId, long durationSeconds) {
		visitEnded(appointmentId, durationSeconds);
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select id from records_note where appointment_id = ?")
				.param(appointmentId)
				.query(UUID.class)
				.optional(), found -> found.isPresent())
			.orElseThrow();
	}

}

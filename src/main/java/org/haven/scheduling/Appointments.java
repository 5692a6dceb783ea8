package org.haven.scheduling;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The scheduling module's API for the modules above it (notifications, visits):
 * appointments by id and their iCalendar form.
 */
public interface Appointments {

	/**
	 * The appointment, whoever asks: callers are modules acting for its parties, never a
	 * page.
	 */
	Optional<AppointmentDetails> find(UUID appointmentId);

	/**
	 * Every appointment of a client, with any therapist, past, future and cancelled,
	 * earliest first: for the client's record.
	 */
	List<AppointmentDetails> ofClient(UUID clientId);

	/**
	 * The therapist's booked (not cancelled) appointments that ended before
	 * {@code before}, oldest first: the sessions the clinical record documents.
	 */
	List<AppointmentDetails> pastSessionsOf(UUID therapistId, Instant before);

	/** Where a party signs in to see and join the appointment. */
	URI joinLink(UUID appointmentId);

	/**
	 * The calendar file for a notice to one party: METHOD:PUBLISH (added without a reply)
	 * while the appointment stands, METHOD:CANCEL once it is cancelled.
	 */
	CalendarInvitation invitation(AppointmentDetails appointment, String attendeeEmail);

}

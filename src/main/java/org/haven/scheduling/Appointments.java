package org.haven.scheduling;

import java.net.URI;
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
	 * Every appointment of a client with any therapist, booked or cancelled, past or
	 * future, oldest first: for the client's clinical record, whose own rules say who
	 * reads it.
	 */
	List<AppointmentDetails> ofClient(UUID clientId);

	/** Where a party signs in to see and join the appointment. */
	URI joinLink(UUID appointmentId);

	/**
	 * The calendar file for a notice to one party: METHOD:PUBLISH (added without a reply)
	 * while the appointment stands, METHOD:CANCEL once it is cancelled.
	 */
	CalendarInvitation invitation(AppointmentDetails appointment, String attendeeEmail);

}

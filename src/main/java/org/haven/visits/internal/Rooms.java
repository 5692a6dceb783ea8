package org.haven.visits.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.scheduling.JoinWindow;
import org.springframework.stereotype.Service;

/**
 * Who may enter which visit room, and when: only the appointment's client and therapist,
 * while their care relationship is active and the appointment booked, within its
 * {@link JoinWindow} (from 15 minutes before the start until the end of the slot).
 * Checked for every page and every WebSocket frame. Anyone else learns nothing, not even
 * that the room exists.
 */
@Service
public class Rooms {

	private final Appointments appointments;

	private final CareRelationships care;

	private final Clock clock;

	Rooms(Appointments appointments, CareRelationships care, Clock clock) {
		this.appointments = appointments;
		this.care = care;
		this.clock = clock;
	}

	public Access access(UUID accountId, UUID appointmentId) {
		AppointmentDetails appointment = appointments.find(appointmentId)
			.filter(a -> a.involves(accountId))
			.orElse(null);
		if (appointment == null) {
			return Access.notFound();
		}
		if (appointment.cancelled() || care.active(appointment.clientId(), appointment.therapistId()).isEmpty()) {
			return new Access(Access.Outcome.CLOSED, appointment, role(accountId, appointment));
		}
		Instant now = clock.instant();
		JoinWindow window = appointment.joinWindow();
		if (!window.hasOpened(now)) {
			return new Access(Access.Outcome.NOT_YET, appointment, role(accountId, appointment));
		}
		if (!window.isOpen(now)) {
			return new Access(Access.Outcome.CLOSED, appointment, role(accountId, appointment));
		}
		return new Access(Access.Outcome.OPEN, appointment, role(accountId, appointment));
	}

	private static Role role(UUID accountId, AppointmentDetails appointment) {
		return appointment.clientId().equals(accountId) ? Role.CLIENT : Role.THERAPIST;
	}

	public enum Role {

		CLIENT, THERAPIST;

		public String wire() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * @param appointment null when not found
	 */
	public record Access(Outcome outcome, AppointmentDetails appointment, Role role) {

		static Access notFound() {
			return new Access(Outcome.NOT_FOUND, null, null);
		}

		public boolean open() {
			return outcome == Outcome.OPEN;
		}

		public enum Outcome {

			/** Not a party, or no such appointment: indistinguishable on purpose. */
			NOT_FOUND,
			/** A party, but earlier than 15 minutes before the start. */
			NOT_YET,
			/** Over, cancelled, or care has ended. */
			CLOSED, OPEN

		}
	}

}

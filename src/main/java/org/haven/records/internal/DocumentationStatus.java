package org.haven.records.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A therapist's sessions still without a signed note, oldest first: every past booked
 * session and every session whose visit ended (it has a draft), of the clients in their
 * active care (a therapist writes only for those).
 */
@Service
public class DocumentationStatus {

	private final NoteStore store;

	private final Appointments appointments;

	private final CareRelationships care;

	private final Clock clock;

	DocumentationStatus(NoteStore store, Appointments appointments, CareRelationships care, Clock clock) {
		this.store = store;
		this.appointments = appointments;
		this.care = care;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Undocumented> undocumented(UUID therapistId) {
		List<UUID> clients = care.activeClientsOf(therapistId);
		Map<UUID, Boolean> notes = store.signedByAppointment(therapistId);
		List<AppointmentDetails> sessions = new ArrayList<>(appointments.pastSessionsOf(therapistId, clock.instant()));
		// A visit that ended early (before its booked end) has a draft already.
		notes.forEach((appointment, signed) -> {
			if (!signed && sessions.stream().noneMatch(s -> s.id().equals(appointment))) {
				appointments.find(appointment).ifPresent(sessions::add);
			}
		});
		return sessions.stream()
			.filter(s -> clients.contains(s.clientId()) && !notes.getOrDefault(s.id(), false))
			.sorted(Comparator.comparing(AppointmentDetails::start))
			.map(s -> new Undocumented(s, notes.containsKey(s.id()) ? store.forAppointment(s.id()) : Optional.empty()))
			.toList();
	}

	/**
	 * A session without a signed note.
	 *
	 * @param draft its draft note, if one was opened
	 */
	public record Undocumented(AppointmentDetails session, Optional<UUID> draft) {

		public Instant start() {
			return session.start();
		}
	}

}

package org.haven.records.internal;

import java.time.Clock;
import java.util.List;

import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.springframework.stereotype.Component;

/**
 * The client's sessions on their chart: booked, held and cancelled. A therapist sees the
 * sessions with themself (others' sessions belong to others' care); the client and an
 * admin through break-glass see them all. Only the two parties get a link to a session,
 * the page they may open.
 */
@Component
class SessionTimeline implements TimelineSource {

	private final Appointments appointments;

	private final Clock clock;

	SessionTimeline(Appointments appointments, Clock clock) {
		this.appointments = appointments;
		this.clock = clock;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		return appointments.ofClient(reader.clientId())
			.stream()
			.filter(a -> !reader.isTherapist() || a.therapistId().equals(reader.accountId()))
			.map(a -> new TimelineEntry(a.start(), "session", title(a),
					a.involves(reader.accountId()) ? "/appointments/" + a.id() : null))
			.toList();
	}

	private String title(AppointmentDetails a) {
		String how = a.modality().label().toLowerCase();
		if (a.cancelled()) {
			return "Session cancelled (" + how + ")";
		}
		return a.end().isBefore(clock.instant()) ? "Session held (" + how + ")" : "Session booked (" + how + ")";
	}

}

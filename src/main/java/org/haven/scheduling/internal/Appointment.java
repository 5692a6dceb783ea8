package org.haven.scheduling.internal;

import java.time.Instant;
import java.util.UUID;

import org.haven.scheduling.AppointmentStatus;

/**
 * An appointment as its parties' pages and the API show it.
 *
 * @param sequence grows with every change, as iCalendar's SEQUENCE must
 */
public record Appointment(UUID id, UUID clientId, UUID therapistId, String modality, Instant start, Instant end,
		AppointmentStatus status, int sequence) {

	public boolean booked() {
		return status == AppointmentStatus.BOOKED;
	}

}

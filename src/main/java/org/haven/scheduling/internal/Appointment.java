package org.haven.scheduling.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * An appointment as its parties' pages and the API show it.
 *
 * @param sequence grows with every change, as iCalendar's SEQUENCE must
 */
public record Appointment(UUID id, UUID clientId, UUID therapistId, String modality, Instant start, Instant end,
		String status, int sequence) {

	public boolean booked() {
		return "BOOKED".equals(status);
	}

}

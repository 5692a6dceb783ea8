package org.haven.scheduling;

import java.time.Instant;
import java.util.UUID;

/** An appointment moved to another time. Ids and times only, never health data. */
public record AppointmentChanged(UUID appointmentId, UUID clientId, UUID therapistId, Instant previousStart,
		Instant start) {
}

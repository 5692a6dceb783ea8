package org.haven.scheduling;

import java.time.Instant;
import java.util.UUID;

/** An appointment was booked. Ids and time only, never health data. */
public record AppointmentBooked(UUID appointmentId, UUID clientId, UUID therapistId, Instant start) {
}

package org.haven.scheduling;

import java.util.UUID;

/** An appointment was cancelled. Ids only. */
public record AppointmentCancelled(UUID appointmentId, UUID clientId, UUID therapistId, boolean late) {
}

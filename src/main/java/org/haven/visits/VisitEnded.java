package org.haven.visits;

import java.time.Instant;
import java.util.UUID;

/**
 * A video or audio visit ended. Ids, times and length only: notes and billing start from
 * it.
 */
public record VisitEnded(UUID appointmentId, UUID clientId, UUID therapistId, String modality, Instant startedAt,
		Instant endedAt, long durationSeconds) {
}

package org.haven.records.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A measure a therapist asked a client to fill in, on a schedule.
 *
 * @param weeks for {@link Schedule#EVERY_N_WEEKS} only, else null
 */
public record Assignment(UUID id, UUID clientId, UUID therapistId, Instrument instrument, Schedule schedule,
		Integer weeks, Instant assignedAt) {

	/** The schedule in words, e.g. "Before every session". */
	public String scheduleWords() {
		return schedule.words(weeks);
	}

}

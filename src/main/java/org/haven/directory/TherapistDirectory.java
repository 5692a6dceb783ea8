package org.haven.directory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The directory module's API for other modules (care, scheduling). */
public interface TherapistDirectory {

	/**
	 * Whether the therapist holds a licence for the jurisdiction that is valid on the
	 * date.
	 */
	boolean licensedIn(UUID therapistId, String jurisdiction, LocalDate on);

	/** Whether the therapist offers the modality. */
	boolean offers(UUID therapistId, Modality modality);

	/** The time zone the therapist works in, from their profile. */
	Optional<ZoneId> timeZone(UUID therapistId);

	/**
	 * The time zones of those of {@code therapistIds} who have a profile, in one query.
	 */
	Map<UUID, ZoneId> timeZones(Collection<UUID> therapistIds);

}

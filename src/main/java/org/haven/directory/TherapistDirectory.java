package org.haven.directory;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

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

	/**
	 * What the therapist's profile says about fees, in their own words; both parts empty
	 * when they wrote nothing (or have no profile).
	 */
	Fees fees(UUID therapistId);

	/**
	 * @param fee the fee as the therapist wrote it, e.g. "$120 per 50-minute session"
	 * @param reducedFee how to ask for a lower fee (a sliding scale), if they offer one
	 */
	record Fees(@Nullable String fee, @Nullable String reducedFee) {
	}

}

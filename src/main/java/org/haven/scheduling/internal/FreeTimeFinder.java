package org.haven.scheduling.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.directory.FreeTimeProbe;
import org.haven.directory.TherapistDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the directory's "who has free time soon" with the same slots clients see and
 * book (rules, days off, time off, bookings, notice and horizon), reading the inputs of a
 * batch of therapists in a few queries and laying out slots only as far ahead as the
 * question reaches.
 */
@Component
class FreeTimeFinder implements FreeTimeProbe {

	/**
	 * Therapists per round of queries, well inside the parameter limits of H2 and
	 * PostgreSQL.
	 */
	private static final int BATCH = 200;

	private final SlotInputs inputs;

	private final TherapistDirectory directory;

	private final Clock clock;

	FreeTimeFinder(SlotInputs inputs, TherapistDirectory directory, Clock clock) {
		this.inputs = inputs;
		this.directory = directory;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<UUID> withFreeTime(Collection<UUID> therapistIds, Instant from, Instant until) {
		Instant now = clock.instant();
		Set<UUID> free = new HashSet<>();
		if (!until.isAfter(from) || !until.isAfter(now)) {
			return free;
		}
		List<UUID> ids = new ArrayList<>(new HashSet<>(therapistIds));
		for (int i = 0; i < ids.size(); i += BATCH) {
			// Without a profile time zone a therapist has no slots at all, as on their
			// times page.
			Map<UUID, ZoneId> zones = directory.timeZones(ids.subList(i, Math.min(ids.size(), i + BATCH)));
			Map<UUID, SlotInputs.Inputs> batch = inputs.load(zones.keySet(), now);
			zones.forEach((id, zone) -> {
				if (hasSlot(batch.get(id), zone, now, from, until)) {
					free.add(id);
				}
			});
		}
		return free;
	}

	private static boolean hasSlot(SlotInputs.Inputs therapist, ZoneId zone, Instant now, Instant from, Instant until) {
		if (therapist.rules().rules().isEmpty()) {
			return false;
		}
		return therapist.lookingAhead(Duration.between(now, until))
			.map(ahead -> ahead.slots(zone, now)
				.stream()
				.anyMatch(s -> !s.start().isBefore(from) && s.start().isBefore(until)))
			.orElse(false);
	}

}

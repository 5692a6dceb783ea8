package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A bookable or busy span of real time. Stored as instants so that therapist and client,
 * each in their own time zone, always mean the same moment; the zone only matters when it
 * is shown.
 */
public record Slot(Instant start, Instant end) {

	public Slot {
		if (start == null || end == null) {
			throw Refusal.of("slot", "A time span needs a start and an end.");
		}
		if (!end.isAfter(start)) {
			throw Refusal.of("slot", "A time span must end after it starts (" + start + " to " + end + ").");
		}
	}

	/** The start as a viewer in {@code zone} sees it on their clock. */
	public ZonedDateTime startIn(ZoneId zone) {
		return start.atZone(zone);
	}

	public ZonedDateTime endIn(ZoneId zone) {
		return end.atZone(zone);
	}

	public Duration duration() {
		return Duration.between(start, end);
	}

	/** Half-open spans: a slot ending at 10:00 does not overlap one starting at 10:00. */
	public boolean overlaps(Slot other) {
		return start.isBefore(other.end) && other.start.isBefore(end);
	}
}

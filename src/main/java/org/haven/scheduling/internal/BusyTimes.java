package org.haven.scheduling.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Busy intervals widened by the buffer on both sides and merged, so that checking a slot
 * is one comparison. Queries must come in order of slot start: the cursor only moves
 * forward, keeping generation linear even with a year of bookings.
 */
final class BusyTimes {

	private final List<Slot> blocked;

	private int cursor;

	BusyTimes(List<Slot> busy, Duration buffer) {
		List<Slot> widened = busy.stream()
			.map(b -> new Slot(b.start().minus(buffer), b.end().plus(buffer)))
			.sorted(Comparator.comparing(Slot::start))
			.toList();
		this.blocked = merge(widened);
	}

	/**
	 * Whether {@code slot} touches blocked time; callers ask with non-decreasing slot
	 * starts.
	 */
	boolean blocks(Slot slot) {
		while (cursor < blocked.size() && !blocked.get(cursor).end().isAfter(slot.start())) {
			cursor++;
		}
		return cursor < blocked.size() && blocked.get(cursor).start().isBefore(slot.end());
	}

	private static List<Slot> merge(List<Slot> sorted) {
		List<Slot> merged = new ArrayList<>();
		for (Slot next : sorted) {
			Slot last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && !next.start().isAfter(last.end())) {
				Instant end = next.end().isAfter(last.end()) ? next.end() : last.end();
				merged.set(merged.size() - 1, new Slot(last.start(), end));
			}
			else {
				merged.add(next);
			}
		}
		return merged;
	}

}

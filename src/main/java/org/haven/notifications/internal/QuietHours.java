package org.haven.notifications.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Local times between which a user wants no message emails, e.g. 21:00 to 08:00 (a start
 * after the end crosses midnight). The start is quiet, the end is not.
 */
public record QuietHours(LocalTime from, LocalTime to) {

	public QuietHours {
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (from.equals(to)) {
			throw new IllegalArgumentException("Quiet hours must end at another time than they start");
		}
	}

	boolean contains(LocalTime time) {
		return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to)
				: !time.isBefore(from) || time.isBefore(to);
	}

	/**
	 * When the quiet hours holding at {@code now} end, in the zone's own clock; empty
	 * when {@code now} is not quiet.
	 */
	Optional<Instant> endAfter(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		if (!contains(local.toLocalTime())) {
			return Optional.empty();
		}
		// A local time skipped by a daylight saving change is moved later by the length
		// of the gap.
		ZonedDateTime end = ZonedDateTime.of(local.toLocalDate(), to, zone);
		if (!end.isAfter(local)) {
			end = ZonedDateTime.of(local.toLocalDate().plusDays(1), to, zone);
		}
		return Optional.of(end.toInstant());
	}
}

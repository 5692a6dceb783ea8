package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Optional;
import java.util.UUID;

/**
 * Part of one date blocked on the therapist's clock, such as 13:00-17:00 on Christmas
 * Eve. Kept as a date and wall-clock times, like weekly rules and days off, so it means
 * the hours the therapist typed whatever the offset that day. Slots overlapping it are
 * not offered; unlike a booked session it gets no buffer around it, because the therapist
 * chose the range and it already is a break (blocking 12:00-13:00 keeps a 13:00 slot).
 */
record TimeOff(UUID id, LocalDate date, LocalTime from, LocalTime until, String label) {

	public TimeOff {
		if (date == null || from == null || until == null) {
			throw Refusal.of("timeOffDate", "Time off needs a date, a start time and an end time.");
		}
		if (!until.isAfter(from)) {
			throw Refusal.of("timeOffUntil", "The end " + until + " must be after the start " + from
					+ ". Time off cannot cross midnight; add a second one for the next day, or a day off.");
		}
	}

	/**
	 * The date and times as the therapist entered them, such as 2026-12-24 13:00-17:00.
	 */
	public String when() {
		return date + " " + from + "-" + until;
	}

	/**
	 * The real time blocked: every instant whose wall-clock time on the date lies from
	 * the start to the end. On a fall-back day a time in the repeated hour counts from
	 * its first occurrence when it starts the range and to its second when it ends it, so
	 * all of the repeated range is blocked. A time in a spring-forward gap never shows on
	 * the clock, so it stands for the moment the clock jumps. Empty when the whole range
	 * falls in a gap (possible only if the zone or its rules changed after the time off
	 * was entered).
	 */
	public Optional<Slot> span(ZoneId zone) {
		Instant start = resolve(zone, date.atTime(from), false);
		Instant end = resolve(zone, date.atTime(until), true);
		return end.isAfter(start) ? Optional.of(new Slot(start, end)) : Optional.empty();
	}

	private static Instant resolve(ZoneId zone, LocalDateTime local, boolean later) {
		ZoneRules rules = zone.getRules();
		if (rules.getValidOffsets(local).isEmpty()) {
			return rules.getTransition(local).getInstant();
		}
		ZonedDateTime zoned = ZonedDateTime.of(local, zone);
		return (later ? zoned.withLaterOffsetAtOverlap() : zoned.withEarlierOffsetAtOverlap()).toInstant();
	}
}

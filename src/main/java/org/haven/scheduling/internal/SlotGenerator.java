package org.haven.scheduling.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a therapist's weekly rules into the free slots a client may book.
 *
 * <p>
 * Layout. Slots are laid out in the therapist's wall-clock time: in each rule window of
 * each date, candidate starts are the rule's start and then every length plus buffer of
 * wall-clock time after it, so Mondays at 09:00, 10:00 and 11:00 stay at those clock
 * times in winter and summer. Each slot lasts exactly the session length of real time. A
 * candidate is dropped when
 * <ul>
 * <li>its local start does not exist (it falls in a spring-forward gap); the end is
 * computed in real time and therefore always exists;</li>
 * <li>its end, seen on the therapist's clock, is not on the same date inside the same
 * window (for example a session that would run past the window's end because the clock
 * jumped forward, or one that would end before the window's start because the clock fell
 * back);</li>
 * <li>it would start less than the buffer of real time after the previous slot laid out
 * (of this or an earlier window or day). This is what keeps the fall-back day honest: a
 * start in the repeated hour is taken at its first occurrence (the earlier offset), and
 * any later candidate that would overlap it, or crowd it, is dropped instead of being
 * offered twice.</li>
 * </ul>
 * The layout is decided before looking at the current time or at busy time, so a slot
 * does not move depending on when someone looks or what got booked: it only appears or
 * disappears.
 *
 * <p>
 * Filtering. Of the laid-out slots, those offered start no earlier than now plus the
 * minimum notice and no later than now plus the horizon, are not on a day off (a date on
 * the therapist's clock), do not overlap time off (part of a date on the therapist's
 * clock, taken exactly as entered, without a buffer) and keep at least the buffer of real
 * time from every busy interval. The result is sorted by start and never overlaps.
 *
 * <p>
 * Plain words, no code tags or quotation marks: Spring Modulith's documentation writer
 * (ModularityTests) failed to parse the javadoc index when this comment had them.
 */
final class SlotGenerator {

	private SlotGenerator() {
	}

	public static List<Slot> slots(ZoneId therapistZone, AvailabilityRules rules, Set<DayOff> daysOff,
			SessionSettings settings, Instant now, List<Slot> busy) {
		return slots(therapistZone, rules, daysOff, List.of(), settings, now, busy);
	}

	public static List<Slot> slots(ZoneId therapistZone, AvailabilityRules rules, Set<DayOff> daysOff,
			List<TimeOff> timeOff, SessionSettings settings, Instant now, List<Slot> busy) {
		Objects.requireNonNull(therapistZone, "therapistZone");
		Objects.requireNonNull(rules, "rules");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(now, "now");
		Set<LocalDate> off = Objects.requireNonNull(daysOff, "daysOff")
			.stream()
			.map(DayOff::date)
			.collect(Collectors.toSet());
		BusyTimes busyTimes = new BusyTimes(Objects.requireNonNull(busy, "busy"), settings.buffer());
		BusyTimes blockedTimes = new BusyTimes(Objects.requireNonNull(timeOff, "timeOff")
			.stream()
			.flatMap(t -> t.span(therapistZone).stream())
			.toList(), Duration.ZERO);
		Instant from = now.plus(settings.minimumNotice());
		Instant until = now.plus(settings.horizon());

		List<Slot> offered = new ArrayList<>();
		Instant previousEnd = null;
		// One extra day on each side: around a transition near midnight, a slot's local
		// date can differ from
		// the local date of the instant it is compared with.
		LocalDate last = LocalDate.ofInstant(until, therapistZone).plusDays(1);
		for (LocalDate date = LocalDate.ofInstant(from, therapistZone).minusDays(1); !date.isAfter(last); date = date
			.plusDays(1)) {
			if (off.contains(date)) {
				continue;
			}
			for (WeeklyRule rule : rules.on(date.getDayOfWeek())) {
				for (Slot slot : layOut(therapistZone, date, rule, settings)) {
					if (previousEnd != null && slot.start().isBefore(previousEnd.plus(settings.buffer()))) {
						continue;
					}
					previousEnd = slot.end();
					if (!slot.start().isBefore(from) && !slot.start().isAfter(until) && !busyTimes.blocks(slot)
							&& !blockedTimes.blocks(slot)) {
						offered.add(slot);
					}
				}
			}
		}
		return List.copyOf(offered);
	}

	/**
	 * The candidates of one window on one date, before they are checked against each
	 * other.
	 */
	private static List<Slot> layOut(ZoneId zone, LocalDate date, WeeklyRule rule, SessionSettings settings) {
		Duration step = settings.length().plus(settings.buffer());
		LocalDateTime windowEnd = date.atTime(rule.end());
		List<Slot> candidates = new ArrayList<>();
		for (LocalDateTime start = date.atTime(rule.start()); start.isBefore(windowEnd); start = start.plus(step)) {
			place(zone, date, rule, start, settings.length()).ifPresent(candidates::add);
		}
		return candidates;
	}

	private static Optional<Slot> place(ZoneId zone, LocalDate date, WeeklyRule rule, LocalDateTime localStart,
			Duration length) {
		if (zone.getRules().getValidOffsets(localStart).isEmpty()) {
			return Optional.empty(); // in a spring-forward gap: this clock time never
										// happens that day
		}
		Instant start = ZonedDateTime.of(localStart, zone).withEarlierOffsetAtOverlap().toInstant();
		Instant end = start.plus(length);
		LocalDateTime localEnd = LocalDateTime.ofInstant(end, zone);
		if (!localEnd.toLocalDate().equals(date) || !rule.contains(localEnd.toLocalTime())) {
			return Optional.empty();
		}
		return Optional.of(new Slot(start, end));
	}

}

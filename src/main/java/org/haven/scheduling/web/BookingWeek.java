package org.haven.scheduling.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.haven.scheduling.internal.Slot;
import org.jspecify.annotations.Nullable;

/**
 * One week (Monday to Sunday, on the viewer's clock) of a therapist's free times, as the
 * booking page shows it: a day per column, each with its free times.
 *
 * @param monday the first day of the week shown
 * @param days the seven days, each with the free times starting on it
 * @param previous the week before, if it is not past and free time is left before this
 * week
 * @param next the week after, if any free time is left after this week
 * @param nextFree the first week after this one that has free time, if any
 * @param anyFree whether the therapist has any free time at all
 */
record BookingWeek(LocalDate monday, List<Day> days, @Nullable LocalDate previous, @Nullable LocalDate next,
		@Nullable LocalDate nextFree, boolean anyFree) {

	static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	/**
	 * The week asked for (any day of it; the week of the first free time when null), not
	 * before the current week, in {@code zone}; {@code slots} are all the free times,
	 * soonest first.
	 */
	static BookingWeek of(List<Slot> slots, ZoneId zone, LocalDate today, @Nullable LocalDate asked) {
		return of(slots, zone, today, asked, null);
	}

	/**
	 * The same, with {@code current} (the session being moved, not free) shown in its
	 * place among the free times of its day, marked as the current one.
	 */
	static BookingWeek of(List<Slot> slots, ZoneId zone, LocalDate today, @Nullable LocalDate asked,
			@Nullable Slot current) {
		LocalDate thisWeek = monday(today);
		LocalDate chosen = asked != null ? monday(asked)
				: slots.isEmpty() ? thisWeek : monday(slots.get(0).startIn(zone).toLocalDate());
		if (chosen.isBefore(thisWeek)) {
			chosen = thisWeek;
		}
		LocalDate end = chosen.plusWeeks(1);
		List<Day> days = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			LocalDate date = chosen.plusDays(i);
			List<FreeTime> times = new ArrayList<>(slots.stream()
				.filter(s -> s.startIn(zone).toLocalDate().equals(date))
				.map(s -> FreeTime.of(s, zone))
				.toList());
			if (current != null && current.startIn(zone).toLocalDate().equals(date)) {
				int at = (int) slots.stream()
					.filter(s -> s.startIn(zone).toLocalDate().equals(date) && s.start().isBefore(current.start()))
					.count();
				times.add(at, FreeTime.current(current, zone));
			}
			days.add(new Day(date, SHORT_DAY.format(date), LONG_DAY.format(date), List.copyOf(times)));
		}
		Optional<LocalDate> later = slots.stream()
			.map(s -> s.startIn(zone).toLocalDate())
			.filter(d -> !d.isBefore(end))
			.findFirst();
		LocalDate shown = chosen;
		boolean earlier = slots.stream().anyMatch(s -> s.startIn(zone).toLocalDate().isBefore(shown));
		return new BookingWeek(chosen, days, chosen.isAfter(thisWeek) && earlier ? chosen.minusWeeks(1) : null,
				later.isPresent() ? end : null, later.map(BookingWeek::monday).orElse(null), !slots.isEmpty());
	}

	static LocalDate monday(LocalDate day) {
		return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** "Week of Monday 7 December 2026". */
	public String label() {
		return "Week of " + LONG_DATE.format(monday);
	}

	/** Whether the week has no free time (the current session, if shown, is not free). */
	public boolean empty() {
		return days.stream().allMatch(d -> d.times().stream().allMatch(FreeTime::current));
	}

	public String nextFreeLabel() {
		return nextFree == null ? "" : LONG_DAY.format(nextFree);
	}

	/**
	 * @param shortLabel "Mon 7 Dec", for the column heading
	 * @param longLabel "Monday 7 December", what a screen reader says for it
	 */
	record Day(LocalDate date, String shortLabel, String longLabel, List<FreeTime> times) {
	}

	/**
	 * @param time the start on the viewer's clock, "09:00"
	 * @param end the end, "09:50"
	 * @param label the whole time in words, "Monday 7 December, 09:00–09:50"
	 * @param start the start as an instant, what the booking form sends
	 * @param current whether this is the session being moved rather than a free time
	 */
	record FreeTime(String time, String end, String label, String start, boolean current) {

		static FreeTime of(Slot slot, ZoneId zone) {
			return of(slot, zone, false);
		}

		static FreeTime current(Slot slot, ZoneId zone) {
			return of(slot, zone, true);
		}

		private static FreeTime of(Slot slot, ZoneId zone, boolean current) {
			String time = TIME.format(slot.startIn(zone));
			String end = TIME.format(slot.endIn(zone));
			return new FreeTime(time, end, LONG_DAY.format(slot.startIn(zone)) + ", " + time + "–" + end,
					slot.start().toString(), current);
		}

	}

}

package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * A recurring window of availability, in the therapist's wall-clock time, e.g. Mondays
 * 09:00-12:00. Kept in local time (not UTC) so that "Mondays at nine" stays at nine
 * across daylight-saving changes. A window never crosses midnight: a night shift is two
 * rules, which keeps "which day is this slot on" unambiguous.
 */
record WeeklyRule(DayOfWeek day, LocalTime start, LocalTime end) {

	public WeeklyRule {
		if (day == null || start == null || end == null) {
			throw Refusal.of("rules", "A weekly rule needs a day, a start time and an end time.");
		}
		if (!end.isAfter(start)) {
			throw Refusal.of("rules", "On " + dayName(day) + " the end " + end + " must be after the start " + start
					+ ". A window cannot cross midnight; add a second rule for the next day.");
		}
	}

	boolean overlaps(WeeklyRule other) {
		// Touching windows (09:00-12:00 and 12:00-17:00) do not overlap.
		return day == other.day && start.isBefore(other.end) && other.start.isBefore(end);
	}

	/**
	 * Whether a wall-clock time lies in this window, both ends included (a slot may end
	 * exactly at the end).
	 */
	boolean contains(LocalTime time) {
		return !time.isBefore(start) && !time.isAfter(end);
	}

	@Override
	public String toString() {
		return dayName(day) + " " + start + "-" + end;
	}

	static String dayName(DayOfWeek day) {
		return day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
	}
}

package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The starts of a series of sessions on the therapist's clock: the same wall-clock time
 * every week or every other week, so a 10:00 session stays at 10:00 across
 * daylight-saving changes.
 */
public record Series(LocalDateTime first, Repeat repeat, int count) {

	public static final int MAX_COUNT = 26;

	public enum Repeat {

		NONE(0), WEEKLY(1), FORTNIGHTLY(2);

		final int weeks;

		Repeat(int weeks) {
			this.weeks = weeks;
		}

	}

	/**
	 * Reads the form's date, time, repetition and count; each bad value gets a message
	 * for its field.
	 */
	public static Series parse(String date, String time, String repeat, String count) {
		LocalDate day;
		try {
			day = LocalDate.parse(date == null ? "" : date.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("date", "Enter the date as YYYY-MM-DD, for example 2027-01-18.");
		}
		LocalTime at;
		try {
			at = LocalTime.parse(time == null ? "" : time.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("time", "Enter the time as HH:MM, for example 10:00.");
		}
		Repeat repetition;
		try {
			repetition = Repeat
				.valueOf((repeat == null || repeat.isBlank() ? "NONE" : repeat.trim()).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("repeat", "Choose once, every week or every other week.");
		}
		int sessions;
		try {
			sessions = repetition == Repeat.NONE ? 1 : Integer.parseInt(count == null ? "" : count.trim());
		}
		catch (NumberFormatException ex) {
			throw Refusal.of("count", "Enter how many sessions, from 1 to " + MAX_COUNT + ".");
		}
		if (sessions < 1 || sessions > MAX_COUNT) {
			throw Refusal.of("count", "A series has from 1 to " + MAX_COUNT + " sessions.");
		}
		return new Series(day.atTime(at), repetition, sessions);
	}

	/**
	 * Each session's start; refused when a start does not exist on the therapist's clock
	 * (a spring-forward gap).
	 */
	public List<Instant> starts(ZoneId zone) {
		List<Instant> starts = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			LocalDateTime local = first.plusWeeks((long) i * repeat.weeks);
			List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
			if (offsets.isEmpty()) {
				throw Refusal.of("time", "On " + local.toLocalDate() + " the clocks skip " + local.toLocalTime()
						+ " in " + zone.getId() + ": choose another time.");
			}
			starts.add(local.toInstant(offsets.get(0)));
		}
		return starts;
	}
}

package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.LocalDate;

/**
 * A whole date, in the therapist's time zone, on which no slots are offered (holiday,
 * sick day). A partial-day block (a dentist appointment from 14:00 to 15:00) is not a day
 * off but {@link TimeOff}: it removes exactly the slots overlapping it, without the
 * buffer a booked session gets, since the therapist chose its hours.
 */
record DayOff(LocalDate date) {

	public DayOff {
		if (date == null) {
			throw Refusal.of("daysOff", "A day off needs a date.");
		}
	}
}

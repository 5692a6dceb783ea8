package org.haven.scheduling.internal;

import java.time.LocalDate;

/**
 * A whole date, in the therapist's time zone, on which no slots are offered (holiday, sick day). A partial-day
 * block (a dentist appointment from 14:00 to 15:00) is not a day off: it is a busy interval handed to
 * {@link SlotGenerator} like a booked session, so one mechanism, with the buffer, covers all blocked time.
 */
public record DayOff(LocalDate date) {

	public DayOff {
		if (date == null) {
			throw new InvalidAvailability("daysOff", "A day off needs a date.");
		}
	}
}

package org.haven.scheduling.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.haven.shared.web.Refusal;

/** How the booking pages and API read a time. */
final class BookingAnswers {

	private BookingAnswers() {
	}

	static Instant instant(String raw) {
		try {
			return Instant.parse(raw);
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("start", "That time was not understood.");
		}
	}

}

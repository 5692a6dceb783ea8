package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.Duration;

/**
 * How a therapist's sessions are offered: how long one lasts, the break kept before and
 * after every session, how far in advance a client must book (minimum notice) and how far
 * ahead slots are shown (horizon).
 */
record SessionSettings(Duration length, Duration buffer, Duration minimumNotice, Duration horizon) {

	static final Duration MIN_LENGTH = Duration.ofMinutes(15);
	static final Duration MAX_LENGTH = Duration.ofHours(4);
	static final Duration MAX_BUFFER = Duration.ofHours(2);
	static final Duration MAX_NOTICE = Duration.ofDays(14);
	static final Duration MIN_HORIZON = Duration.ofDays(1);
	static final Duration MAX_HORIZON = Duration.ofDays(365);

	public SessionSettings {
		require("length", "The session length", length, MIN_LENGTH, MAX_LENGTH);
		require("buffer", "The buffer between sessions", buffer, Duration.ZERO, MAX_BUFFER);
		require("minimumNotice", "The minimum notice", minimumNotice, Duration.ZERO, MAX_NOTICE);
		require("horizon", "The booking horizon", horizon, MIN_HORIZON, MAX_HORIZON);
		// Seconds in a session length or buffer would only make clocks show odd times
		// like 10:59:30.
		wholeMinutes("length", "The session length", length);
		wholeMinutes("buffer", "The buffer between sessions", buffer);
		if (horizon.compareTo(minimumNotice) <= 0) {
			throw Refusal.of("horizon",
					"The booking horizon (" + describe(horizon) + ") must be longer than the minimum notice ("
							+ describe(minimumNotice) + "), or no slot could be booked.");
		}
	}

	private static void require(String field, String what, Duration value, Duration min, Duration max) {
		if (value == null) {
			throw Refusal.of(field, what + " is required.");
		}
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw Refusal.of(field, what + " must be between " + describe(min) + " and " + describe(max) + ", not "
					+ describe(value) + ".");
		}
	}

	private static void wholeMinutes(String field, String what, Duration value) {
		if (value.toSecondsPart() != 0 || value.toNanosPart() != 0) {
			throw Refusal.of(field, what + " must be a whole number of minutes.");
		}
	}

	static String describe(Duration d) {
		if (d.isNegative()) {
			return "-" + describe(d.negated());
		}
		if (d.isZero()) {
			return "0 minutes";
		}
		if (d.toSecondsPart() != 0 || d.toNanosPart() != 0) {
			return d.toString();
		}
		if (d.toMinutes() % (24 * 60) == 0) {
			return plural(d.toDays(), "day");
		}
		if (d.toMinutes() % 60 == 0) {
			return plural(d.toHours(), "hour");
		}
		return plural(d.toMinutes(), "minute");
	}

	private static String plural(long n, String unit) {
		return n + " " + unit + (n == 1 ? "" : "s");
	}
}

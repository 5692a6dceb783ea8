package org.haven.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * When the parties may join a session: from 15 minutes before its start (the waiting room
 * opens then, and a client's check-in counts from then) until its end, the end itself
 * excluded. The session page, the home page and the visit room all ask this one window.
 *
 * @param opens the first instant the session can be joined
 * @param closes the first instant it no longer can
 */
public record JoinWindow(Instant opens, Instant closes) {

	public static final Duration OPENS_BEFORE_START = Duration.ofMinutes(15);

	public static JoinWindow of(Instant start, Instant end) {
		return new JoinWindow(start.minus(OPENS_BEFORE_START), end);
	}

	/**
	 * Whether the window has opened by {@code at}, whether or not it has closed since.
	 */
	public boolean hasOpened(Instant at) {
		return !at.isBefore(opens);
	}

	public boolean isOpen(Instant at) {
		return hasOpened(at) && at.isBefore(closes);
	}

}

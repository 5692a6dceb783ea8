package org.haven.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand. It starts at the real time, so tokens and sessions look
 * ordinary.
 */
public final class MutableClock extends Clock {

	// Microseconds, as PostgreSQL stores them: a stored time never rounds up past the
	// clock's own.
	private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

	public void advance(Duration duration) {
		now = now.plus(duration);
	}

	public void reset() {
		now = Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	@Override
	public Instant instant() {
		return now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}

package org.haven.shared.ratelimit;

import java.time.Clock;
import java.time.Instant;

import io.github.bucket4j.TimeMeter;

/**
 * bucket4j's time, read from Haven's clock, so that tests decide when buckets refill.
 * Nanoseconds since the epoch fit in a long until 2262.
 */
record ClockTimeMeter(Clock clock) implements TimeMeter {

	private static final long NANOS_PER_SECOND = 1_000_000_000L;

	@Override
	public long currentTimeNanos() {
		Instant now = clock.instant();
		return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}

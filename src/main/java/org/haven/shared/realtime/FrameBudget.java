package org.haven.shared.realtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket per connection: 40 frames a second on average, bursts of 120 (ICE
 * gathering is bursty). Time comes from the injected clock, so tests decide when the
 * bucket refills.
 */
final class FrameBudget {

	static final int BURST = 120;
	static final int PER_SECOND = 40;

	private final Clock clock;

	private double tokens = BURST;

	private Instant last;

	FrameBudget(Clock clock) {
		this.clock = clock;
		this.last = clock.instant();
	}

	synchronized boolean take() {
		Instant now = clock.instant();
		if (now.isAfter(last)) {
			tokens = Math.min(BURST, tokens + Duration.between(last, now).toNanos() / 1e9 * PER_SECOND);
			last = now;
		}
		if (tokens >= 1) {
			tokens -= 1;
			return true;
		}
		return false;
	}

}

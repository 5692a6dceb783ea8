package org.haven.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At most 20 messages (sends, edits, deletions) per person in 10 seconds, across all
 * their connections: a token bucket of 20 refilled at 2 a second. Time comes from the
 * injected clock.
 */
@Component
class SendBudget {

	static final int BURST = 20;
	static final double PER_SECOND = 2.0;

	private final Clock clock;

	private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

	SendBudget(Clock clock) {
		this.clock = clock;
	}

	boolean take(UUID accountId) {
		return buckets.computeIfAbsent(accountId, id -> new Bucket(clock.instant())).take(clock.instant());
	}

	/**
	 * Full buckets carry no information: forget them so memory follows activity, not
	 * history.
	 */
	@Scheduled(fixedDelayString = "PT10M")
	void forgetIdle() {
		Instant now = clock.instant();
		buckets.entrySet().removeIf(e -> e.getValue().fullAt(now));
	}

	private static final class Bucket {

		private double tokens = BURST;

		private Instant last;

		Bucket(Instant now) {
			this.last = now;
		}

		synchronized boolean take(Instant now) {
			refill(now);
			if (tokens >= 1) {
				tokens -= 1;
				return true;
			}
			return false;
		}

		synchronized boolean fullAt(Instant now) {
			refill(now);
			return tokens >= BURST;
		}

		private void refill(Instant now) {
			if (now.isAfter(last)) {
				tokens = Math.min(BURST, tokens + Duration.between(last, now).toNanos() / 1e9 * PER_SECOND);
				last = now;
			}
		}

	}

}

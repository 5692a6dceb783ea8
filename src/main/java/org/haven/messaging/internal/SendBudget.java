package org.haven.messaging.internal;

import java.time.Duration;
import java.util.UUID;

import org.haven.shared.ratelimit.RateLimit;
import org.haven.shared.ratelimit.RateLimits;
import org.springframework.stereotype.Component;

/**
 * At most 20 messages (sends, edits, deletions) per person in 10 seconds, across all
 * their connections: a token bucket of 20 refilled at 2 a second, keyed by the person.
 */
@Component
class SendBudget {

	static final RateLimit SENDS = new RateLimit("sends", 20, 20, Duration.ofSeconds(10));

	private final RateLimits limits;

	SendBudget(RateLimits limits) {
		this.limits = limits;
	}

	boolean take(UUID accountId) {
		return limits.tryConsume(SENDS, accountId);
	}

}

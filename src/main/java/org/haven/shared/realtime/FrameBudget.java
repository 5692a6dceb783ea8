package org.haven.shared.realtime;

import java.time.Duration;

import org.haven.shared.ratelimit.RateLimit;
import org.haven.shared.ratelimit.RateLimits;

import io.github.bucket4j.Bucket;

/**
 * A token bucket per connection: 40 frames a second on average, bursts of 120 (ICE
 * gathering is bursty). A connection lives on one node, so its bucket stays in that
 * node's memory even where keyed buckets are shared by a cluster.
 */
final class FrameBudget {

	static final RateLimit FRAMES = new RateLimit("frames", 120, 40, Duration.ofSeconds(1));

	private final Bucket bucket;

	FrameBudget(RateLimits limits) {
		this.bucket = limits.local(FRAMES);
	}

	boolean take() {
		return bucket.tryConsume(1);
	}

}

package org.haven.shared.realtime;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.haven.shared.ratelimit.RateLimit;
import org.haven.shared.ratelimit.RateLimits;

import io.github.bucket4j.Bucket;

/**
 * Two token buckets for each frame: the connection's own, 40 frames a second on average
 * with bursts of 120 (ICE gathering is bursty), which protects the node that parses them;
 * and the person's, 60 a second with bursts of 180 over all their connections on every
 * node (a visit page holds two sockets), shared through Redis when nodes share one. The
 * person's is counted approximately across nodes ({@link RateLimits#approximate}), so
 * that a frame does not wait for Redis.
 */
final class FrameBudget {

	static final RateLimit FRAMES = new RateLimit("frames", 120, 40, Duration.ofSeconds(1));

	static final RateLimit PERSON = new RateLimit("person-frames", 180, 60, Duration.ofSeconds(1));

	private final Bucket connection;

	private final BooleanSupplier person;

	FrameBudget(RateLimits limits, UUID account) {
		this.connection = limits.local(FRAMES);
		this.person = limits.approximate(PERSON, account);
	}

	boolean take() {
		return connection.tryConsume(1) && person.getAsBoolean();
	}

}

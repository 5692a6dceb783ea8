package org.haven.shared.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;

/**
 * The shape of a token bucket: at most {@code capacity} tokens (the burst), refilled
 * continuously at {@code tokens} per {@code period}, fractions of a token included. The
 * name keeps the keys of different limits apart where buckets are shared by key.
 *
 * @param name what is limited, e.g. "sends"
 * @param capacity the most a full bucket holds
 * @param tokens tokens added per period
 * @param period the time in which {@code tokens} are added
 */
public record RateLimit(String name, long capacity, long tokens, Duration period) {

	Bandwidth bandwidth() {
		return Bandwidth.builder().capacity(capacity).refillGreedy(tokens, period).build();
	}

}

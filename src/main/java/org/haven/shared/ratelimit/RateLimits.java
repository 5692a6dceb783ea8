package org.haven.shared.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Where every rate limit's token buckets come from (bucket4j), with time from Haven's
 * clock.
 * <p>
 * A keyed bucket (one per person, say) is shared by everyone who asks with the same limit
 * and key. Today the keyed buckets live in this node's memory; they are looked up only in
 * {@link #bucket(RateLimit, Object)}, by a string key and the limit's bandwidth, which is
 * what a bucket4j {@code ProxyManager} (Redis, through Lettuce) takes, so a cluster can
 * hold them there without their users changing. A bucket of one holder on one node (a
 * WebSocket connection) is {@link #local(RateLimit) local} by nature and stays in memory.
 */
@Component
public class RateLimits {

	private final TimeMeter time;

	private final Map<String, Held> keyed = new ConcurrentHashMap<>();

	RateLimits(Clock clock) {
		this.time = new ClockTimeMeter(clock);
	}

	/** The bucket of this limit for this key, shared by all who ask with both. */
	public Bucket bucket(RateLimit limit, Object key) {
		return keyed.computeIfAbsent(limit.name() + ":" + key, k -> new Held(local(limit), limit.capacity())).bucket();
	}

	/** A new bucket of this limit for one holder alone, forgotten with its holder. */
	public Bucket local(RateLimit limit) {
		return Bucket.builder().withCustomTimePrecision(time).addLimit(limit.bandwidth()).build();
	}

	/**
	 * Full keyed buckets carry no information (a new one would be the same): forget them
	 * so memory follows activity, not history.
	 */
	@Scheduled(fixedDelayString = "PT10M")
	void forgetFull() {
		keyed.values().removeIf(Held::full);
	}

	int keyedBuckets() {
		return keyed.size();
	}

	private record Held(Bucket bucket, long capacity) {

		boolean full() {
			return bucket.getAvailableTokens() >= capacity;
		}

	}

}

package org.haven.shared.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.lettuce.core.RedisClient;
import io.github.bucket4j.TimeMeter;

/**
 * Where every rate limit's token buckets come from (bucket4j), with time from Haven's
 * clock.
 * <p>
 * A keyed bucket (one per person, say) is shared by everyone who asks with the same limit
 * and key ({@link #tryConsume(RateLimit, Object)}): in this node's memory on a single
 * node, in Redis ({@link RedisBuckets}: one script call per take) when several nodes
 * share one, so that a person's limit holds whichever node their requests reach. A bucket
 * of one holder on one node (a WebSocket connection) is {@link #local(RateLimit) local}
 * by nature and stays in memory.
 */
@Component
public class RateLimits {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	/**
	 * Tokens a holder of an {@link #approximate} bucket takes from Redis at once, and
	 * spends before it asks again.
	 */
	static final int RESERVED = 10;

	private final TimeMeter time;

	private final Map<String, Held> keyed = new ConcurrentHashMap<>();

	/** The keyed buckets in Redis, shared by every node; null on a single node. */
	private final RedisBuckets shared;

	RateLimits(Clock clock, ObjectProvider<RedisClient> redis) {
		this.time = new ClockTimeMeter(clock);
		RedisClient client = redis.getIfAvailable();
		this.shared = client == null ? null : new RedisBuckets(client, clock);
	}

	/**
	 * Takes one token from the bucket of this limit for this key, on every node when
	 * Redis is configured. While Redis is unreachable, this node's own bucket stands in:
	 * the limit still holds, per node.
	 */
	public boolean tryConsume(RateLimit limit, Object key) {
		if (shared != null) {
			try {
				return shared.take(limit, key.toString(), 1) == 1;
			}
			catch (RuntimeException ex) {
				log.debug("A shared rate limit is unreachable; this node's stands in: {}",
						ex.getClass().getSimpleName());
			}
		}
		return bucket(limit, key).tryConsume(1);
	}

	/**
	 * A keyed bucket for one holder's frequent takes (a connection's frames): shared with
	 * everyone who asks with the same limit and key, through Redis when configured. There
	 * the holder takes {@link #RESERVED} tokens at once and spends them before it asks
	 * again, so a take rarely waits for Redis. Never more than the limit is spent; a
	 * holder may leave up to that many of its tokens unspent (and the bucket refills them
	 * as usual). While Redis is unreachable, this node's bucket stands in.
	 */
	public BooleanSupplier approximate(RateLimit limit, Object key) {
		Bucket here = bucket(limit, key);
		if (shared == null) {
			return () -> here.tryConsume(1);
		}
		String name = key.toString();
		long[] reserved = { 0 };
		return () -> {
			synchronized (reserved) {
				if (reserved[0] > 0) {
					reserved[0]--;
					return true;
				}
				try {
					reserved[0] = shared.take(limit, name, RESERVED);
				}
				catch (RuntimeException ex) {
					log.debug("A shared rate limit is unreachable; this node's stands in: {}",
							ex.getClass().getSimpleName());
					return here.tryConsume(1);
				}
				if (reserved[0] == 0) {
					return false;
				}
				reserved[0]--;
				return true;
			}
		};
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

package org.haven.shared.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.github.bucket4j.TimeMeter;

/**
 * Where every rate limit's token buckets come from (bucket4j), with time from Haven's
 * clock.
 * <p>
 * A keyed bucket (one per person, say) is shared by everyone who asks with the same limit
 * and key ({@link #tryConsume(RateLimit, Object)}): in this node's memory on a single
 * node, in Redis (bucket4j's Lettuce backend) when several nodes share one, so that a
 * person's limit holds whichever node their requests reach. A bucket of one holder on one
 * node (a WebSocket connection) is {@link #local(RateLimit) local} by nature and stays in
 * memory.
 */
@Component
public class RateLimits {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

	private final TimeMeter time;

	private final Map<String, Held> keyed = new ConcurrentHashMap<>();

	/** The keyed buckets in Redis, shared by every node; null on a single node. */
	private final ProxyManager<String> shared;

	RateLimits(Clock clock, ObjectProvider<RedisClient> redis) {
		this.time = new ClockTimeMeter(clock);
		RedisClient client = redis.getIfAvailable();
		this.shared = client == null ? null
				: Bucket4jLettuce.casBasedBuilder(client)
					.clientClock(time)
					.requestTimeout(Duration.ofSeconds(1))
					.expirationAfterWrite(
							ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
					.build()
					.withMapper((String key) -> ("haven:limit:" + key).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Takes one token from the bucket of this limit for this key, on every node when
	 * Redis is configured. While Redis is unreachable, this node's own bucket stands in:
	 * the limit still holds, per node.
	 */
	public boolean tryConsume(RateLimit limit, Object key) {
		if (shared != null) {
			try {
				return shared.builder()
					.build(limit.name() + ":" + key,
							() -> BucketConfiguration.builder().addLimit(limit.bandwidth()).build())
					.tryConsume(1);
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
	 * everyone who asks with the same limit and key, through Redis when configured, where
	 * each holder may take up to {@link #UNSYNCHRONIZED} tokens before it tells Redis, so
	 * that a take rarely waits for it. The limit therefore holds within that many tokens
	 * per holder. While Redis is unreachable, this node's bucket stands in.
	 */
	public BooleanSupplier approximate(RateLimit limit, Object key) {
		Bucket here = bucket(limit, key);
		if (shared == null) {
			return () -> here.tryConsume(1);
		}
		Bucket everywhere = shared.builder()
			.withOptimization(Optimizations.delaying(new DelayParameters(UNSYNCHRONIZED, Duration.ofMillis(500))))
			.build(limit.name() + ":" + key, () -> BucketConfiguration.builder().addLimit(limit.bandwidth()).build());
		return () -> {
			try {
				return everywhere.tryConsume(1);
			}
			catch (RuntimeException ex) {
				log.debug("A shared rate limit is unreachable; this node's stands in: {}",
						ex.getClass().getSimpleName());
				return here.tryConsume(1);
			}
		};
	}

	/** Tokens a holder of an {@link #approximate} bucket takes before it tells Redis. */
	static final int UNSYNCHRONIZED = 10;

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

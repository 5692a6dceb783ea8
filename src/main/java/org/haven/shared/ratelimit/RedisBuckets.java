package org.haven.shared.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * Token buckets kept in Redis and shared by every node: one script call takes tokens
 * atomically (one round trip, no compare-and-swap retries). A bucket refills continuously
 * at {@link RateLimit#tokens()} per {@link RateLimit#period()}, fractions included, up to
 * its capacity, by Haven's clock (a clock moved back refills nothing), and expires from
 * Redis once it would be full again, so memory follows activity.
 */
final class RedisBuckets {

	/**
	 * KEYS[1] the bucket; ARGV: capacity, tokens per millisecond, now (epoch ms), the
	 * most to take. Answers how many were taken: as many as wanted while whole tokens
	 * last.
	 */
	static final String SCRIPT = """
			local capacity = tonumber(ARGV[1])
			local per_ms = tonumber(ARGV[2])
			local now = tonumber(ARGV[3])
			local wanted = tonumber(ARGV[4])
			local state = redis.call('HMGET', KEYS[1], 't', 'at')
			local tokens = tonumber(state[1])
			local at = tonumber(state[2])
			if tokens == nil or at == nil then
			  tokens = capacity
			  at = now
			end
			if now > at then
			  tokens = math.min(capacity, tokens + (now - at) * per_ms)
			  at = now
			end
			local taken = math.min(wanted, math.floor(tokens))
			if taken < 0 then taken = 0 end
			tokens = tokens - taken
			redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', string.format('%d', at))
			redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil((capacity - tokens) / per_ms) + 1000))
			return taken
			""";

	private static final String SHA = sha1(SCRIPT);

	private static final String PREFIX = "haven:limit:";

	private final RedisClient client;

	private final Clock clock;

	private volatile StatefulRedisConnection<String, String> connection;

	private volatile long nextConnectAttempt;

	RedisBuckets(RedisClient client, Clock clock) {
		this.client = client;
		this.clock = clock;
	}

	/**
	 * Takes up to {@code wanted} tokens from the bucket of this limit and key; how many
	 * it got.
	 * @throws RuntimeException when Redis cannot be reached (the caller falls back to its
	 * own node's bucket)
	 */
	long take(RateLimit limit, String key, long wanted) {
		String[] keys = { PREFIX + limit.name() + ":" + key };
		String[] args = { Long.toString(limit.capacity()),
				Double.toString((double) limit.tokens() / limit.period().toMillis()), Long.toString(clock.millis()),
				Long.toString(wanted) };
		StatefulRedisConnection<String, String> redis = connection();
		Long taken;
		try {
			taken = redis.sync().evalsha(SHA, ScriptOutputType.INTEGER, keys, args);
		}
		catch (RedisNoScriptException ex) {
			// Redis restarted, or never saw the script: send it whole, once.
			taken = redis.sync().eval(SCRIPT, ScriptOutputType.INTEGER, keys, args);
		}
		return taken == null ? 0 : taken;
	}

	/**
	 * The connection, made when first needed (Redis may be down when the node starts);
	 * Lettuce reconnects it after that. While Redis is unreachable a connection is
	 * attempted at most once a second.
	 */
	private StatefulRedisConnection<String, String> connection() {
		StatefulRedisConnection<String, String> current = connection;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (connection == null) {
				long now = System.nanoTime();
				if (now - nextConnectAttempt < 0) {
					throw new IllegalStateException("Redis was unreachable a moment ago");
				}
				nextConnectAttempt = now + 1_000_000_000L;
				connection = client.connect();
			}
			return connection;
		}
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

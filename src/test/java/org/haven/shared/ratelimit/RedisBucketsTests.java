package org.haven.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import org.haven.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import redis.embedded.RedisServer;

/**
 * The keyed buckets several nodes share through a real (embedded) Redis: the same refill
 * as the in-memory ones, by Haven's clock; reservations never spend more than the limit;
 * and while Redis is away each node's own bucket stands in.
 */
class RedisBucketsTests {

	private static final RateLimit TWO_A_SECOND = new RateLimit("test", 20, 20, Duration.ofSeconds(10));

	private static RedisServer redis;

	private static RedisClient client;

	private final MutableClock clock = new MutableClock();

	private final RedisBuckets buckets = new RedisBuckets(client, clock);

	@BeforeAll
	static void startRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		redis = new RedisServer(port);
		redis.start();
		client = RedisClient.create("redis://127.0.0.1:" + port);
	}

	@AfterAll
	static void stopRedis() throws IOException {
		client.shutdown();
		redis.stop();
	}

	@Test
	void aNewBucketHoldsItsCapacityAndNotOneMore() {
		String key = UUID.randomUUID().toString();
		for (int i = 0; i < 20; i++) {
			assertThat(buckets.take(TWO_A_SECOND, key, 1)).as("take %d", i).isEqualTo(1);
		}
		assertThat(buckets.take(TWO_A_SECOND, key, 1)).isZero();
	}

	@Test
	void itRefillsOnlyAsTheClockAdvancesFractionsIncluded() {
		String key = UUID.randomUUID().toString();
		assertThat(buckets.take(TWO_A_SECOND, key, 100)).as("as many as there are").isEqualTo(20);

		clock.advance(Duration.ofMillis(250));
		assertThat(buckets.take(TWO_A_SECOND, key, 1)).as("half a token").isZero();
		clock.advance(Duration.ofMillis(250));
		assertThat(buckets.take(TWO_A_SECOND, key, 1)).as("two halves").isEqualTo(1);
		assertThat(buckets.take(TWO_A_SECOND, key, 1)).isZero();

		clock.advance(Duration.ofSeconds(3));
		assertThat(buckets.take(TWO_A_SECOND, key, 10)).isEqualTo(6);
		clock.advance(Duration.ofHours(2));
		assertThat(buckets.take(TWO_A_SECOND, key, 100)).as("up to the capacity only").isEqualTo(20);
	}

	@Test
	void aClockMovedBackRefillsNothing() {
		String key = UUID.randomUUID().toString();
		buckets.take(TWO_A_SECOND, key, 100);
		clock.advance(Duration.ofSeconds(-30));
		assertThat(buckets.take(TWO_A_SECOND, key, 1)).isZero();
		clock.advance(Duration.ofSeconds(31));
		assertThat(buckets.take(TWO_A_SECOND, key, 100)).isEqualTo(2);
	}

	@Test
	void limitsAndKeysAreKeptApartAndABucketLeavesRedisOnceFullAgain() {
		String key = UUID.randomUUID().toString();
		RateLimit other = new RateLimit("other", 20, 20, Duration.ofSeconds(10));
		assertThat(buckets.take(TWO_A_SECOND, key, 15)).isEqualTo(15);
		assertThat(buckets.take(other, key, 100)).as("another limit, same key").isEqualTo(20);
		assertThat(buckets.take(TWO_A_SECOND, UUID.randomUUID().toString(), 100)).as("another key").isEqualTo(20);

		// 15 tokens short: full again after 7.5 s, and gone from Redis a second later.
		try (var connection = client.connect()) {
			assertThat(connection.sync().pttl("haven:limit:test:" + key)).isBetween(7_500L, 8_500L);
		}
	}

	@Test
	void reservationsOnTwoNodesNeverSpendMoreThanTheLimit() {
		RateLimits nodeA = new RateLimits(clock, provider(client));
		RateLimits nodeB = new RateLimits(clock, provider(client));
		String person = UUID.randomUUID().toString();
		BooleanSupplier onA = nodeA.approximate(TWO_A_SECOND, person);
		BooleanSupplier onB = nodeB.approximate(TWO_A_SECOND, person);
		int granted = 0;
		for (int i = 0; i < 40; i++) {
			granted += (onA.getAsBoolean() ? 1 : 0) + (onB.getAsBoolean() ? 1 : 0);
		}
		assertThat(granted).isEqualTo(20);
		assertThat(nodeA.tryConsume(TWO_A_SECOND, person)).as("the shared bucket is empty").isFalse();
	}

	@Test
	void whileRedisIsUnreachableEachNodesOwnBucketStandsIn() {
		RedisClient nowhere = RedisClient.create("redis://127.0.0.1:" + freePort());
		try {
			RateLimits limits = new RateLimits(clock, provider(nowhere));
			String person = UUID.randomUUID().toString();
			int granted = 0;
			for (int i = 0; i < 30; i++) {
				granted += limits.tryConsume(TWO_A_SECOND, person) ? 1 : 0;
			}
			assertThat(granted).isEqualTo(20);
			BooleanSupplier frames = limits.approximate(TWO_A_SECOND, UUID.randomUUID());
			int frameTokens = 0;
			for (int i = 0; i < 30; i++) {
				frameTokens += frames.getAsBoolean() ? 1 : 0;
			}
			assertThat(frameTokens).isEqualTo(20);
		}
		finally {
			nowhere.shutdown();
		}
	}

	private static ObjectProvider<RedisClient> provider(RedisClient client) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("redis", client);
		return beans.getBeanProvider(RedisClient.class);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

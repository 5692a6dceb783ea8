package org.haven.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import org.haven.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import io.github.bucket4j.Bucket;

/**
 * Buckets whose time is Haven's clock: they refill when the clock says so, never past
 * their capacity, and keyed ones are shared until they are full and forgotten.
 */
class RateLimitsTests {

	private static final RateLimit TWO_A_SECOND = new RateLimit("test", 20, 20, Duration.ofSeconds(10));

	private final MutableClock clock = new MutableClock();

	/** A single node: no Redis. */
	private final RateLimits limits = new RateLimits(clock,
			new StaticListableBeanFactory().getBeanProvider(RedisClient.class));

	@Test
	void aNewBucketHoldsItsCapacityAndNotOneMore() {
		Bucket bucket = limits.local(TWO_A_SECOND);
		assertThat(drain(bucket)).isEqualTo(20);
	}

	@Test
	void itRefillsOnlyAsTheClockAdvancesFractionsIncluded() {
		Bucket bucket = limits.local(TWO_A_SECOND);
		drain(bucket);

		clock.advance(Duration.ofMillis(250));
		assertThat(bucket.tryConsume(1)).as("half a token").isFalse();
		clock.advance(Duration.ofMillis(250));
		assertThat(bucket.tryConsume(1)).as("two halves").isTrue();
		assertThat(bucket.tryConsume(1)).isFalse();

		clock.advance(Duration.ofSeconds(3));
		assertThat(drain(bucket)).isEqualTo(6);
	}

	@Test
	void aLongPauseRefillsUpToTheCapacityOnly() {
		Bucket bucket = limits.local(TWO_A_SECOND);
		drain(bucket);
		clock.advance(Duration.ofHours(2));
		assertThat(drain(bucket)).isEqualTo(20);
	}

	@Test
	void aClockMovedBackRefillsNothing() {
		Bucket bucket = limits.local(TWO_A_SECOND);
		drain(bucket);
		clock.advance(Duration.ofSeconds(-30));
		assertThat(bucket.tryConsume(1)).isFalse();
		clock.advance(Duration.ofSeconds(31));
		assertThat(drain(bucket)).isEqualTo(2);
	}

	@Test
	void aKeyedBucketIsSharedByEveryoneWhoAsksWithTheSameLimitAndKey() {
		UUID person = UUID.randomUUID();
		for (int i = 0; i < 15; i++) {
			assertThat(limits.bucket(TWO_A_SECOND, person).tryConsume(1)).isTrue();
		}
		assertThat(drain(limits.bucket(TWO_A_SECOND, person))).isEqualTo(5);
		assertThat(drain(limits.bucket(TWO_A_SECOND, UUID.randomUUID()))).as("another key").isEqualTo(20);
		RateLimit other = new RateLimit("other", 20, 20, Duration.ofSeconds(10));
		assertThat(drain(limits.bucket(other, person))).as("another limit, same key").isEqualTo(20);
	}

	@Test
	void localBucketsAreNeverShared() {
		drain(limits.local(TWO_A_SECOND));
		assertThat(drain(limits.local(TWO_A_SECOND))).isEqualTo(20);
		assertThat(limits.keyedBuckets()).isZero();
	}

	@Test
	void onlyFullKeyedBucketsAreForgotten() {
		UUID busy = UUID.randomUUID();
		UUID calm = UUID.randomUUID();
		drain(limits.bucket(TWO_A_SECOND, busy));
		limits.bucket(TWO_A_SECOND, calm).tryConsume(1);
		clock.advance(Duration.ofMillis(500));

		limits.forgetFull();

		assertThat(limits.keyedBuckets()).isEqualTo(1);
		assertThat(drain(limits.bucket(TWO_A_SECOND, busy))).as("still the drained bucket, one token later")
			.isEqualTo(1);
	}

	private static int drain(Bucket bucket) {
		int taken = 0;
		while (taken < 1000 && bucket.tryConsume(1)) {
			taken++;
		}
		return taken;
	}

}

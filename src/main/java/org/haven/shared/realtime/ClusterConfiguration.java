package org.haven.shared.realtime;

import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A node joins a cluster when {@code haven.redis.url} (HAVEN_REDIS_URL) is set: its
 * realtime frames, presence and commands go through Redis to the other nodes. Without it,
 * Haven is one node and needs no Redis.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RedisProperties.class, NodeProperties.class })
class ClusterConfiguration {

	@Bean(destroyMethod = "shutdown")
	@ConditionalOnExpression("!'${haven.redis.url:}'.isBlank()")
	ClientResources havenRedisResources() {
		return RedisRelay.resources();
	}

	/** Shared by the relay and the rate limits ({@code RateLimits}). */
	@Bean(destroyMethod = "shutdown")
	@ConditionalOnExpression("!'${haven.redis.url:}'.isBlank()")
	RedisClient havenRedisClient(ClientResources resources, RedisProperties redis) {
		return RedisRelay.client(resources, redis.url());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnExpression("!'${haven.redis.url:}'.isBlank()")
	RedisRelay redisRelay(RedisClient client, NodeProperties node) {
		String id = node.id() == null || node.id().isBlank() ? UUID.randomUUID().toString() : node.id();
		return new RedisRelay(client, id);
	}

	/**
	 * Redis as a component of health: DOWN while unreachable. The node stays up and ready
	 * (the readiness probe leaves Redis out): it delivers to its own connections
	 * meanwhile, and nothing lives only in Redis.
	 */
	@Bean
	@ConditionalOnExpression("!'${haven.redis.url:}'.isBlank()")
	HealthIndicator redisHealthIndicator(RedisRelay relay) {
		return () -> (relay.reachable() ? Health.up() : Health.down()).withDetail("node", relay.node()).build();
	}

}

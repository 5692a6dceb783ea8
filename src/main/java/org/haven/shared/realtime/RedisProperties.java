package org.haven.shared.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis shared by the nodes of a cluster.
 *
 * @param url e.g. redis://redis:6379 (HAVEN_REDIS_URL); empty: a single node, with no
 * Redis
 */
@ConfigurationProperties("haven.redis")
record RedisProperties(String url) {
}

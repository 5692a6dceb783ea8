package org.haven.shared.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This node, among the nodes of a cluster.
 *
 * @param id its name in the cluster (HAVEN_NODE_ID), in logs and health; empty: a new
 * random one at each start
 */
@ConfigurationProperties("haven.node")
record NodeProperties(String id) {
}

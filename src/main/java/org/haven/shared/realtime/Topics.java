package org.haven.shared.realtime;

import java.util.Set;
import java.util.UUID;

/**
 * Who listens to what, across every node: a connection subscribes to topics (a
 * conversation, a visit room, a party of either), a frame published to a topic reaches
 * every connection subscribed to it wherever it is connected, and presence says which
 * accounts have a connection on a topic. In one process by default; through Redis pub/sub
 * when {@code haven.redis.url} is set (docs/architecture.md, "Several nodes").
 * <p>
 * Nothing lives only here: what a frame says is stored first by the module that publishes
 * it, and a page that missed frames catches up from the store when it reconnects.
 */
public interface Topics {

	/** Subscribes a connection of this node; a second subscription changes nothing. */
	void subscribe(String topic, Connection connection);

	void unsubscribe(String topic, Connection connection);

	/**
	 * Sends an already serialized frame to every connection subscribed to the topic, on
	 * every node, except {@code except} (null for none). On this node it is sent before
	 * this returns; other nodes receive frames in the order this node published them.
	 */
	void publish(String topic, String frame, Connection except);

	/**
	 * The accounts with at least one connection subscribed to the topic, on any node that
	 * is alive. Where other nodes cannot be asked (Redis unreachable), this node's own.
	 */
	Set<UUID> present(String topic);

}

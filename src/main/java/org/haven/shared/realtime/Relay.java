package org.haven.shared.realtime;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How frames, presence and node-wide commands reach the other nodes. A single node has
 * none ({@link #NONE}); a cluster has Redis ({@link RedisRelay}). Every call is best
 * effort and never throws: a relay that cannot reach the others leaves this node working
 * on its own, and pages catch up from the store once it is back.
 */
interface Relay {

	Relay NONE = new Relay() {
	};

	/** Where frames, commands and news of a lost and regained link are handed. */
	interface Receiver {

		void frame(String topic, String frame);

		void command(String command);

		/** The link came back after a loss: frames may have been missed meanwhile. */
		void resumed();

		/** Redis may have lost what this node told it: its presence is wanted again. */
		void restate();

	}

	default void start(Receiver receiver) {
	}

	/** Frames of this topic are wanted here (the first local subscriber). */
	default void listen(String topic) {
	}

	/** Frames of this topic are no longer wanted here (the last one left). */
	default void unlisten(String topic) {
	}

	default void publish(String topic, String frame) {
	}

	/** This node's connections of the account on the topic: {@code count}, 0 for none. */
	default void presence(String topic, UUID account, int count) {
	}

	/** This node's whole presence, again (after Redis lost it, say). */
	default void presence(Map<String, Map<UUID, Integer>> all) {
	}

	/** The accounts present on the topic on other live nodes. */
	default Set<UUID> presentElsewhere(String topic) {
		return Set.of();
	}

	/** Runs the command on every other node. */
	default void command(String command) {
	}

}

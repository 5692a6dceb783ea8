package org.haven.shared.realtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of this node's own connections, and delivery to them. Changes are
 * made under this object's monitor (they are rare: opening a conversation or a room);
 * deliveries, the frequent part, read the concurrent sets without it.
 */
final class LocalTopics {

	private final Map<String, Set<Connection>> subscribers = new ConcurrentHashMap<>();

	private final Map<Connection, Set<String>> topicsOf = new HashMap<>();

	/**
	 * @return how many connections of the account this node now has on the topic, or -1
	 * when the connection was already subscribed
	 */
	synchronized int subscribe(String topic, Connection connection) {
		if (!subscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(connection)) {
			return -1;
		}
		topicsOf.computeIfAbsent(connection, c -> new HashSet<>()).add(topic);
		return count(topic, connection.account());
	}

	/**
	 * @return how many connections of the account this node still has on the topic, or -1
	 * when the connection was not subscribed
	 */
	synchronized int unsubscribe(String topic, Connection connection) {
		Set<Connection> set = subscribers.get(topic);
		if (set == null || !set.remove(connection)) {
			return -1;
		}
		if (set.isEmpty()) {
			subscribers.remove(topic);
		}
		Set<String> topics = topicsOf.get(connection);
		if (topics != null && topics.remove(topic) && topics.isEmpty()) {
			topicsOf.remove(connection);
		}
		return count(topic, connection.account());
	}

	synchronized List<String> topicsOf(Connection connection) {
		return List.copyOf(topicsOf.getOrDefault(connection, Set.of()));
	}

	synchronized boolean has(String topic) {
		return subscribers.containsKey(topic);
	}

	synchronized Set<String> topics() {
		return Set.copyOf(subscribers.keySet());
	}

	synchronized Set<UUID> accounts(String topic) {
		Set<UUID> accounts = new HashSet<>();
		subscribers.getOrDefault(topic, Set.of()).forEach(c -> accounts.add(c.account()));
		return accounts;
	}

	/** Connections per account on the topic. */
	synchronized Map<UUID, Integer> counts(String topic) {
		Map<UUID, Integer> counts = new HashMap<>();
		subscribers.getOrDefault(topic, Set.of()).forEach(c -> counts.merge(c.account(), 1, Integer::sum));
		return counts;
	}

	void deliver(String topic, String frame, Connection except) {
		Set<Connection> to = subscribers.get(topic);
		if (to == null) {
			return;
		}
		for (Connection connection : to) {
			if (connection != except) {
				connection.send(frame);
			}
		}
	}

	private int count(String topic, UUID account) {
		int n = 0;
		for (Connection c : subscribers.getOrDefault(topic, Set.of())) {
			if (c.account().equals(account)) {
				n++;
			}
		}
		return n;
	}

}

package org.haven.messaging.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.haven.shared.realtime.Connection;
import org.springframework.stereotype.Component;

/**
 * Which connections on this node have each conversation open, and one lock per
 * conversation so that a message is stored and pushed before the next one: every
 * connection receives a conversation's items in sequence order. One node's memory
 * (fan-out across nodes is Redis's job, not built yet).
 */
@Component
class ChatHub {

	private static final int STRIPES = 256;

	private final Map<UUID, Set<Subscriber>> open = new ConcurrentHashMap<>();

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	ChatHub() {
		for (int i = 0; i < STRIPES; i++) {
			locks[i] = new ReentrantLock();
		}
	}

	void subscribe(Connection connection, Member member) {
		open.computeIfAbsent(member.conversationId(), id -> ConcurrentHashMap.newKeySet())
			.add(new Subscriber(connection, member));
	}

	void unsubscribe(Connection connection, UUID conversationId) {
		open.computeIfPresent(conversationId, (id, subscribers) -> {
			subscribers.removeIf(s -> s.connection() == connection);
			return subscribers.isEmpty() ? null : subscribers;
		});
	}

	/** To every connection that has the conversation open, except {@code except}. */
	void push(UUID conversationId, Connection except, String frame) {
		Set<Subscriber> subscribers = open.get(conversationId);
		if (subscribers != null) {
			subscribers.stream().filter(s -> s.connection() != except).forEach(s -> s.connection().send(frame));
		}
	}

	/** To the connections of one party only ({@code client} or not). */
	void pushTo(UUID conversationId, boolean client, String frame) {
		Set<Subscriber> subscribers = open.get(conversationId);
		if (subscribers != null) {
			subscribers.stream().filter(s -> s.member().isClient() == client).forEach(s -> s.connection().send(frame));
		}
	}

	<T> T ordered(UUID conversationId, Supplier<T> work) {
		ReentrantLock lock = locks[stripe(conversationId)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Runs {@code work} holding the locks of all these conversations, taken in one order
	 * (so two callers never wait for each other): the chat writer stores and pushes a
	 * group of messages under them.
	 */
	void orderedAll(Collection<UUID> conversationIds, Runnable work) {
		int[] stripes = conversationIds.stream().mapToInt(ChatHub::stripe).distinct().sorted().toArray();
		int held = 0;
		try {
			for (int stripe : stripes) {
				locks[stripe].lock();
				held++;
			}
			work.run();
		}
		finally {
			for (int i = held - 1; i >= 0; i--) {
				locks[stripes[i]].unlock();
			}
		}
	}

	private static int stripe(UUID conversationId) {
		return Math.floorMod(conversationId.hashCode(), STRIPES);
	}

	record Subscriber(Connection connection, Member member) {
	}

}

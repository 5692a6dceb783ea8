package org.haven.messaging.internal;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Topics;
import org.springframework.stereotype.Component;

/**
 * Which connections have each conversation open, on every node ({@link Topics}), and one
 * lock per conversation on this node so that a message is stored and pushed before the
 * next one: every connection of this node receives a conversation's items in sequence
 * order. Items stored on another node may arrive between them; the page orders by
 * sequence and asks for what a gap leaves out (docs/messaging.md).
 */
@Component
class ChatHub {

	private static final int STRIPES = 256;

	private final Topics topics;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	ChatHub(Topics topics) {
		this.topics = topics;
		for (int i = 0; i < STRIPES; i++) {
			locks[i] = new ReentrantLock();
		}
	}

	void subscribe(Connection connection, Member member) {
		topics.subscribe(everyone(member.conversationId()), connection);
		topics.subscribe(party(member.conversationId(), member.isClient()), connection);
	}

	void unsubscribe(Connection connection, UUID conversationId) {
		topics.unsubscribe(everyone(conversationId), connection);
		topics.unsubscribe(party(conversationId, true), connection);
		topics.unsubscribe(party(conversationId, false), connection);
	}

	/** To every connection that has the conversation open, except {@code except}. */
	void push(UUID conversationId, Connection except, String frame) {
		topics.publish(everyone(conversationId), frame, except);
	}

	/** To the connections of one party only ({@code client} or not). */
	void pushTo(UUID conversationId, boolean client, String frame) {
		topics.publish(party(conversationId, client), frame, null);
	}

	private static String everyone(UUID conversationId) {
		return "chat:" + conversationId;
	}

	private static String party(UUID conversationId, boolean client) {
		return "chat:" + conversationId + (client ? ":client" : ":therapist");
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

}

package org.haven.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Chat messages stored together in one transaction (one, or part of a group the chat
 * writer committed at once): listeners and the event publication registry do their work
 * once per event rather than once per message. Ids and places only, never what the
 * messages say. At most {@link #MAX_MESSAGES} per event, so that the stored publication
 * fits the registry's column and index.
 */
public record MessagesPosted(List<MessagePosted> messages) {

	/**
	 * About 210 characters each as JSON: eight stay well within the 2,704 bytes a btree
	 * index entry may hold.
	 */
	public static final int MAX_MESSAGES = 8;

	public MessagesPosted {
		if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
			throw new IllegalArgumentException("1 to " + MAX_MESSAGES + " messages per event, not " + messages.size());
		}
		messages = List.copyOf(messages);
	}

	public static MessagesPosted of(MessagePosted message) {
		return new MessagesPosted(List.of(message));
	}

	/** The messages of one commit as few events as allowed, in order. */
	public static List<MessagesPosted> inGroups(List<MessagePosted> messages) {
		List<MessagesPosted> events = new ArrayList<>();
		for (int from = 0; from < messages.size(); from += MAX_MESSAGES) {
			events.add(new MessagesPosted(messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES))));
		}
		return events;
	}
}

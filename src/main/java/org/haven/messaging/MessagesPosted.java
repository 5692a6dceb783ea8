package org.haven.messaging;

import java.util.List;

/**
 * Chat messages stored together in one transaction (one, or the group the chat writer
 * committed at once). Published inside that transaction and heard there, synchronously:
 * what a listener writes commits or rolls back with the messages, so it needs no
 * publication of its own (an event registry's row, a transaction and a completion per
 * group would cost more than storing the messages). Ids and places only, never what the
 * messages say.
 */
public record MessagesPosted(List<MessagePosted> messages) {

	public MessagesPosted {
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("At least one message per event");
		}
		messages = List.copyOf(messages);
	}

	public static MessagesPosted of(MessagePosted message) {
		return new MessagesPosted(List.of(message));
	}

}

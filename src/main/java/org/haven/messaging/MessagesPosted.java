package org.haven.messaging;

import java.util.List;

/**
 * Chat messages stored together in one transaction (one, or a group the chat writer committed at once): one
 * event for the group, so that listeners and the event publication registry do their work once per commit
 * rather than once per message. Ids and places only, never what the messages say.
 */
public record MessagesPosted(List<MessagePosted> messages) {

	public MessagesPosted {
		messages = List.copyOf(messages);
	}

	public static MessagesPosted of(MessagePosted message) {
		return new MessagesPosted(List.of(message));
	}
}

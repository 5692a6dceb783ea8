package org.haven.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The messaging module's API for other modules. A conversation's id is its care
 * relationship's id, so a module that knows the relationship (a visit, say) knows the
 * conversation.
 */
public interface Conversations {

	/**
	 * What the account has not read yet, per conversation: the newest unread chat message
	 * and letter from the other party (0 when none). Texts (SMS) count as chat messages.
	 * Content never leaves the module.
	 */
	List<Unread> unread(UUID accountId);

	/**
	 * Every letter thread of a client with any therapist, oldest first: its subject,
	 * never a letter's text. For the client's clinical record (its chart shows letters by
	 * subject), whose own rules say who may read it.
	 */
	List<LetterThread> letterThreads(UUID clientId);

	/**
	 * A letter thread as the clinical record shows it.
	 *
	 * @param conversationId also the care relationship's id
	 */
	record LetterThread(UUID id, UUID conversationId, UUID therapistId, String subject, Instant startedAt) {
	}

	/**
	 * @param newestUnread the highest sequence of anything unread in the conversation
	 */
	record Unread(UUID conversationId, boolean recipientIsClient, long newestUnread, int chatMessages, int letters) {
	}

}

package org.haven.messaging;

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
	 * and letter from the other party (0 when none). Content never leaves the module.
	 */
	List<Unread> unread(UUID accountId);

	/**
	 * @param newestUnread the highest sequence of anything unread in the conversation
	 */
	record Unread(UUID conversationId, boolean recipientIsClient, long newestUnread, int chatMessages, int letters) {
	}

}

package org.haven.messaging;

import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;

/**
 * Links a module above messaging adds to a conversation's chat page (texting's "Send as a
 * text message", say), without messaging knowing that module.
 */
public interface ConversationLinks {

	/** The links for this person on this conversation's page; empty when none applies. */
	List<Link> linksFor(CurrentAccount account, UUID conversationId);

	/**
	 * @param href a path inside Haven
	 * @param label what the link says
	 * @param hint one sentence shown beside it, or null
	 */
	record Link(String href, String label, String hint) {
	}

}

package org.haven.identity;

/**
 * How many things wait unread for an account, shown beside "Messages" in the navigation
 * of every page. Contributed by the module that holds the messages; identity renders the
 * number without knowing where it comes from.
 */
public interface UnreadCount {

	/** Unread items for this fully signed-in account; 0 when there are none. */
	int unreadFor(CurrentAccount account);

}

package org.haven.messaging.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.identity.UnreadCount;
import org.haven.messaging.Conversations;
import org.haven.messaging.Conversations.Unread;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What waits unread, where people look for it: a count beside "Messages" in the
 * navigation of every page, and a panel on the home page. Counts only: what was written
 * never leaves the messages pages. Both read the counts once per request: the home page
 * shows them twice.
 */
@Component
class UnreadMessages implements UnreadCount, HomePanel {

	private final Conversations conversations;

	UnreadMessages(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public int unreadFor(CurrentAccount account) {
		if (account.role() == Role.ADMIN) {
			return 0;
		}
		return unread(account).stream().mapToInt(u -> u.chatMessages() + u.letters()).sum();
	}

	@Override
	public int order() {
		return 15;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() == Role.ADMIN) {
			return Optional.empty();
		}
		List<Unread> unread = unread(account);
		int chats = unread.stream().mapToInt(Unread::chatMessages).sum();
		int letters = unread.stream().mapToInt(Unread::letters).sum();
		return Optional.of(new Panel("messaging/panels", "unread",
				Map.of("chats", chats, "letters", letters, "conversations", unread.size())));
	}

	@SuppressWarnings("unchecked")
	private List<Unread> unread(CurrentAccount account) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = UnreadMessages.class.getName() + ":" + account.id();
		if (request == null) {
			return conversations.unread(account.id());
		}
		Object known = request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
		if (known != null) {
			return (List<Unread>) known;
		}
		List<Unread> unread = conversations.unread(account.id());
		request.setAttribute(key, unread, RequestAttributes.SCOPE_REQUEST);
		return unread;
	}

}

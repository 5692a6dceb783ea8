package org.haven.messaging.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.messaging.ConversationLinks;
import org.haven.messaging.Conversations;
import org.haven.messaging.Conversations.Unread;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Member;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The list of one's conversations and the live chat page of one. Anyone but its two
 * parties gets 404.
 */
@Controller
class ConversationPages {

	private final ConversationStore store;

	private final Conversations conversations;

	private final Accounts accounts;

	private final ObjectProvider<ConversationLinks> links;

	ConversationPages(ConversationStore store, Conversations conversations, Accounts accounts,
			ObjectProvider<ConversationLinks> links) {
		this.links = links;
		this.store = store;
		this.conversations = conversations;
		this.accounts = accounts;
	}

	@GetMapping("/messages")
	String list(@AuthenticationPrincipal CurrentAccount me, Model model) {
		List<Member> members = store.conversationsOf(me.id());
		Map<UUID, String> names = accounts.findAll(members.stream().map(Member::peerId).toList())
			.stream()
			.collect(Collectors.toMap(AccountSummary::id, AccountSummary::displayName));
		Map<UUID, Unread> unread = conversations.unread(me.id())
			.stream()
			.collect(Collectors.toMap(Unread::conversationId, Function.identity()));
		model.addAttribute("conversations", members.stream()
			.map(m -> new Row(m.conversationId(), names.getOrDefault(m.peerId(), "(unknown)"), m.open(), m.isClient(),
					unread.containsKey(m.conversationId()) ? unread.get(m.conversationId()).chatMessages() : 0,
					unread.containsKey(m.conversationId()) ? unread.get(m.conversationId()).letters() : 0))
			.toList());
		return "messaging/list";
	}

	@GetMapping("/messages/{id}")
	String chat(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Member member = member(store, me, id);
		model.addAttribute("conversation", id);
		model.addAttribute("me", member.role());
		model.addAttribute("peerName",
				accounts.find(member.peerId()).map(AccountSummary::displayName).orElse("(unknown)"));
		model.addAttribute("peerRole", member.peerRole());
		model.addAttribute("open", member.open());
		model.addAttribute("client", member.isClient());
		model.addAttribute("links",
				member.open()
						? links.orderedStream().flatMap(contributor -> contributor.linksFor(me, id).stream()).toList()
						: List.of());
		return "messaging/chat";
	}

	static Member member(ConversationStore store, CurrentAccount me, UUID id) {
		return store.member(me.id(), id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	record Row(UUID id, String with, boolean open, boolean client, int unreadChat, int unreadLetters) {
	}

}

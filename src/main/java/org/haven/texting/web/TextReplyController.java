package org.haven.texting.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.messaging.ConversationLinks;
import org.haven.messaging.TextMessages;
import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.haven.texting.internal.E164;
import org.haven.texting.internal.SmsSegments;
import org.haven.texting.internal.TextNumbers;
import org.haven.texting.internal.Texting;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * /messages/{id}/text: the therapist answers by text a client who texts with them. The
 * reply is stored in the conversation first (and shown there with its delivery state),
 * then sent. Only the conversation's therapist, only while care is active and the client
 * has chosen texting into this conversation; anyone else sees 404.
 */
@Controller
class TextReplyController implements ConversationLinks {

	private final CareRelationships care;

	private final TextNumbers numbers;

	private final TextMessages messages;

	private final Texting texting;

	private final Accounts accounts;

	TextReplyController(CareRelationships care, TextNumbers numbers, TextMessages messages, Texting texting,
			Accounts accounts) {
		this.care = care;
		this.numbers = numbers;
		this.messages = messages;
		this.texting = texting;
		this.accounts = accounts;
	}

	@Override
	public List<Link> linksFor(CurrentAccount account, UUID conversationId) {
		return target(account, conversationId)
			.map(client -> new Link("/messages/" + conversationId + "/text", "Send as a text message",
					client.name() + " texts with you. Texts are not end-to-end private."))
			.stream()
			.toList();
	}

	@GetMapping("/messages/{id}/text")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Client client = target(me, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("conversation", id);
		model.addAttribute("clientName", client.name());
		model.addAttribute("clientNumber", client.number());
		if (!model.containsAttribute("text")) {
			model.addAttribute("text", "");
		}
		model.addAttribute("clientKey", UUID.randomUUID().toString());
		return "texting/reply";
	}

	@PostMapping("/messages/{id}/text")
	@OnRefusal(show = "show")
	String send(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String clientKey,
			Model model) {
		target(me, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("text", text.length() > 2000 ? text.substring(0, 2000) : text);
		String body = Refusal.required(text.replace("\r\n", "\n"), "text", "Write the text to send.");
		SmsSegments.Count count = SmsSegments.count(body);
		Refusal.when(!count.fits(), "text", "A text may be at most 10 parts (" + 10 * count.encoding().perSegment(2)
				+ " characters here); this one would be " + count.segments() + ". Shorten it, or write in the chat.");
		Refusal.when(!clientKey.matches("[0-9a-f-]{36}"), "text", "Open the page again and resend.");
		messages.sentByText(id, me.id(), body, clientKey);
		return "redirect:/messages/" + id;
	}

	/** The client this therapist may text in this conversation, if any. */
	private Optional<Client> target(CurrentAccount me, UUID conversationId) {
		if (!texting.enabled()) {
			return Optional.empty();
		}
		return care.partyOf(me.id(), conversationId)
			.filter(CareRelationships.Party::active)
			.filter(party -> party.therapistId().equals(me.id()))
			.flatMap(party -> numbers.clinicalNumber(party.clientId(), conversationId)
				.map(number -> new Client(
						accounts.find(party.clientId()).map(AccountSummary::displayName).orElse("Your client"),
						masked(number))));
	}

	private String masked(E164 number) {
		String digits = number.value();
		return "ending " + digits.substring(digits.length() - 4);
	}

	record Client(String name, String number) {
	}

}

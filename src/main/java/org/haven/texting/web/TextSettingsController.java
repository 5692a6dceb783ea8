package org.haven.texting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.haven.care.CareRelationships;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.shared.web.OnRefusal;
import org.haven.texting.internal.TextNumbers;
import org.haven.texting.internal.Texting;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;

/**
 * /account/texts: a person's mobile number, proved by a code, and what they want by text:
 * reminders before sessions, and for clients a conversation with their therapist by SMS,
 * with a plain word that texts are not end-to-end private.
 */
@Controller
class TextSettingsController {

	private final TextNumbers numbers;

	private final Texting texting;

	private final CareRelationships care;

	private final Accounts accounts;

	TextSettingsController(TextNumbers numbers, Texting texting, CareRelationships care, Accounts accounts) {
		this.numbers = numbers;
		this.texting = texting;
		this.care = care;
		this.accounts = accounts;
	}

	@GetMapping("/account/texts")
	String show(@AuthenticationPrincipal CurrentAccount me, Model model) {
		model.addAttribute("enabled", texting.enabled());
		model.addAttribute("practiceNumber", texting.sourceShown());
		model.addAttribute("settings", numbers.of(me.id()).orElse(null));
		model.addAttribute("isClient", me.role() == Role.CLIENT);
		model.addAttribute("therapists", therapists(me.id()));
		if (!model.containsAttribute("number")) {
			model.addAttribute("number", "");
		}
		return "texting/settings";
	}

	@PostMapping("/account/texts/number")
	@OnRefusal(show = "show")
	String number(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String number,
			HttpServletRequest request, Model model) {
		model.addAttribute("number", number.length() > 40 ? number.substring(0, 40) : number);
		numbers.register(me.id(), number, request.getRemoteAddr());
		return "redirect:/account/texts?sent";
	}

	@PostMapping("/account/texts/verify")
	@OnRefusal(show = "show")
	String verify(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String code) {
		numbers.verify(me.id(), code);
		return "redirect:/account/texts?verified";
	}

	@PostMapping("/account/texts/choices")
	@OnRefusal(show = "show")
	String choices(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "false") boolean reminders,
			@RequestParam(defaultValue = "false") boolean clinical,
			@RequestParam(defaultValue = "false") boolean privacyUnderstood,
			@RequestParam(required = false) UUID conversationId) {
		numbers.choose(me.id(), reminders, clinical, privacyUnderstood, conversationId);
		return "redirect:/account/texts?saved";
	}

	@PostMapping("/account/texts/remove")
	String remove(@AuthenticationPrincipal CurrentAccount me) {
		numbers.remove(me.id());
		return "redirect:/account/texts?removed";
	}

	/** The client's therapists in active care, by conversation, for "my texts go to". */
	private List<Therapist> therapists(UUID clientId) {
		List<CareRelationships.Party> parties = care.partiesOf(clientId)
			.stream()
			.filter(CareRelationships.Party::active)
			.filter(p -> p.isClient(clientId))
			.toList();
		Map<UUID, AccountSummary> names = accounts
			.findAll(parties.stream().map(CareRelationships.Party::therapistId).toList())
			.stream()
			.collect(Collectors.toMap(AccountSummary::id, Function.identity()));
		List<Therapist> therapists = new ArrayList<>();
		for (CareRelationships.Party party : parties) {
			AccountSummary therapist = names.get(party.therapistId());
			if (therapist != null) {
				therapists.add(new Therapist(party.relationshipId(), therapist.displayName()));
			}
		}
		return therapists;
	}

	record Therapist(UUID conversationId, String name) {
	}

}

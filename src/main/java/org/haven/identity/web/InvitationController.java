package org.haven.identity.web;

import org.haven.identity.internal.Invitations;
import org.haven.shared.web.OnRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Accepting an invitation: the invited therapist or admin chooses a name and a password.
 */
@Controller
class InvitationController {

	private final Invitations invitations;

	InvitationController(Invitations invitations) {
		this.invitations = invitations;
	}

	@GetMapping("/invitation")
	String form(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitations.find(token).orElse(null));
		if (!model.containsAttribute("displayName")) {
			model.addAttribute("displayName", "");
		}
		return "identity/invitation";
	}

	@PostMapping("/invitation")
	@OnRefusal(show = "form")
	String accept(@ModelAttribute("acceptance") Acceptance form, Model model) {
		model.addAttribute("displayName", Forms.keep(form.displayName()));
		if (invitations.accept(Forms.text(form.token()), form.displayName(), form.password(), form.confirmation())) {
			return "redirect:/login?invitationAccepted";
		}
		return form(Forms.text(form.token()), model);
	}

	/** What the invitation form sends; a field left out is null. */
	record Acceptance(String token, String displayName, String password, String confirmation) {
	}

}

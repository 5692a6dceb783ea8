package org.haven.identity.web;

import org.haven.identity.internal.InputRejected;
import org.haven.identity.internal.Invitations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
		model.addAttribute("displayName", "");
		return "identity/invitation";
	}

	@PostMapping("/invitation")
	String accept(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
			Model model) {
		try {
			if (invitations.accept(token, displayName, password, confirmation)) {
				return "redirect:/login?invitationAccepted";
			}
		}
		catch (InputRejected rejected) {
			Forms.reject(model, rejected);
		}
		model.addAttribute("token", token);
		model.addAttribute("invitation", invitations.find(token).orElse(null));
		model.addAttribute("displayName", Forms.keep(displayName));
		return "identity/invitation";
	}

}

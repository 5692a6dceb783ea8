package org.haven.identity.web;

import org.haven.identity.internal.IdentityPropertiesView;
import org.haven.identity.internal.PasswordReset;
import org.haven.shared.web.OnRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class PasswordResetController {

	private final PasswordReset reset;

	private final IdentityPropertiesView properties;

	PasswordResetController(PasswordReset reset, IdentityPropertiesView properties) {
		this.reset = reset;
		this.properties = properties;
	}

	@GetMapping("/password-reset")
	String form(Model model) {
		model.addAttribute("email", "");
		return "identity/reset-request";
	}

	@PostMapping("/password-reset")
	@OnRefusal(view = "identity/reset-request")
	String request(@RequestParam(defaultValue = "") String email, Model model) {
		model.addAttribute("email", Forms.keep(email));
		reset.request(email);
		return "redirect:/password-reset/sent";
	}

	@GetMapping("/password-reset/sent")
	String sent(Model model) {
		model.addAttribute("minutes", properties.resetTtlMinutes());
		return "identity/reset-sent";
	}

	@GetMapping("/password-reset/confirm")
	String confirmForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("valid", reset.valid(token));
		return "identity/reset-confirm";
	}

	@PostMapping("/password-reset/confirm")
	@OnRefusal(view = "identity/reset-confirm")
	String confirm(@ModelAttribute("reset") NewPassword form, Model model) {
		model.addAttribute("token", Forms.text(form.token()));
		// A refused password leaves the link valid: the form is shown again.
		model.addAttribute("valid", true);
		if (reset.reset(Forms.text(form.token()), form.password(), form.confirmation())) {
			return "redirect:/login?passwordReset";
		}
		model.addAttribute("valid", false);
		return "identity/reset-confirm";
	}

	/** What the new-password form sends; a field left out is null. */
	record NewPassword(String token, String password, String confirmation) {
	}

}

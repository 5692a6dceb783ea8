package org.haven.identity.web;

import org.haven.identity.internal.IdentityPropertiesView;
import org.haven.identity.internal.InputRejected;
import org.haven.identity.internal.PasswordReset;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
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
	String request(@RequestParam(defaultValue = "") String email, Model model) {
		try {
			reset.request(email);
			return "redirect:/password-reset/sent";
		}
		catch (InputRejected rejected) {
			Forms.reject(model, rejected);
			model.addAttribute("email", Forms.keep(email));
			return "identity/reset-request";
		}
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
	String confirm(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String confirmation, Model model) {
		model.addAttribute("token", token);
		try {
			if (reset.reset(token, password, confirmation)) {
				return "redirect:/login?passwordReset";
			}
			model.addAttribute("valid", false);
		}
		catch (InputRejected rejected) {
			Forms.reject(model, rejected);
			model.addAttribute("valid", true);
		}
		return "identity/reset-confirm";
	}

}

package org.haven.identity.web;

import org.haven.identity.internal.InputRejected;
import org.haven.identity.internal.Registration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Client self-registration and email verification. */
@Controller
class RegistrationController {

	private final Registration registration;

	RegistrationController(Registration registration) {
		this.registration = registration;
	}

	@GetMapping("/register")
	String form(Model model) {
		model.addAttribute("email", "");
		model.addAttribute("displayName", "");
		return "identity/register";
	}

	@PostMapping("/register")
	String register(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmation,
			Model model) {
		try {
			registration.register(email, displayName, password, confirmation);
			return "redirect:/register/sent";
		}
		catch (InputRejected rejected) {
			Forms.reject(model, rejected);
			model.addAttribute("email", Forms.keep(email));
			model.addAttribute("displayName", Forms.keep(displayName));
			return "identity/register";
		}
	}

	@GetMapping("/register/sent")
	String sent() {
		return "identity/register-sent";
	}

	@GetMapping("/register/resend")
	String resendForm(Model model) {
		model.addAttribute("email", "");
		return "identity/register-resend";
	}

	@PostMapping("/register/resend")
	String resend(@RequestParam(defaultValue = "") String email, Model model) {
		try {
			registration.resendVerification(email);
			return "redirect:/register/sent";
		}
		catch (InputRejected rejected) {
			Forms.reject(model, rejected);
			model.addAttribute("email", Forms.keep(email));
			return "identity/register-resend";
		}
	}

	@GetMapping("/verify-email")
	String verifyForm(@RequestParam(defaultValue = "") String token, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("valid", registration.verificationPending(token));
		return "identity/verify-email";
	}

	/** A POST, so that mail scanners that follow links do not use the token up. */
	@PostMapping("/verify-email")
	String verify(@RequestParam(defaultValue = "") String token, Model model) {
		if (registration.verifyEmail(token)) {
			return "redirect:/login?verified";
		}
		model.addAttribute("token", "");
		model.addAttribute("valid", false);
		return "identity/verify-email";
	}

}

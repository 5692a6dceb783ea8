package org.haven.identity.web;

import org.haven.identity.internal.Registration;
import org.haven.shared.web.OnRefusal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
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
		model.addAttribute("metaDescription", "Create a Haven account to ask a licensed therapist for care and "
				+ "meet online by video, audio, live chat, letters or text messages.");
		model.addAttribute("email", "");
		model.addAttribute("displayName", "");
		return "identity/register";
	}

	@PostMapping("/register")
	@OnRefusal(view = "identity/register")
	String register(@ModelAttribute("registration") RegistrationForm form, Model model) {
		model.addAttribute("email", Forms.keep(form.email()));
		model.addAttribute("displayName", Forms.keep(form.displayName()));
		registration.register(form.email(), form.displayName(), form.password(), form.confirmation());
		return "redirect:/register/sent";
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
	@OnRefusal(view = "identity/register-resend")
	String resend(@RequestParam(defaultValue = "") String email, Model model) {
		model.addAttribute("email", Forms.keep(email));
		registration.resendVerification(email);
		return "redirect:/register/sent";
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

	/** What the registration form sends; a field left out is null. */
	record RegistrationForm(String email, String displayName, String password, String confirmation) {
	}

}

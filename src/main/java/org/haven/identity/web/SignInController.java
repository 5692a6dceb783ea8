package org.haven.identity.web;

import org.haven.identity.CurrentAccount;
import org.haven.identity.internal.AccountSettings;
import org.haven.identity.internal.AccountSettings.SecondFactorResult;
import org.haven.identity.internal.SignIn;
import org.haven.identity.internal.SignInGuard;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The sign-in page (the password step is handled by Spring Security) and the
 * second-factor challenge.
 */
@Controller
class SignInController {

	private final AccountSettings settings;

	private final SignIn signIn;

	private final SignInGuard guard;

	SignInController(AccountSettings settings, SignIn signIn, SignInGuard guard) {
		this.settings = settings;
		this.signIn = signIn;
		this.guard = guard;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("metaDescription",
				"Sign in to Haven to meet your therapist, book and join sessions, and read your messages and letters.");
		return "identity/login";
	}

	@GetMapping("/login/2fa")
	String challenge() {
		return "identity/login-2fa";
	}

	@PostMapping("/login/2fa")
	String verify(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (!guard.allowed(current.email(), request.getRemoteAddr())) {
			signIn.abandon(request);
			return "redirect:/login?error";
		}
		SecondFactorResult result = settings.verifySecondFactor(current.id(), code.length() > 40 ? "" : code);
		if (!result.accepted()) {
			guard.recordFailure(current.email(), request.getRemoteAddr());
			Forms.reject(model, "code",
					"That code did not work. Enter the current 6-digit code from your app, or a recovery code.");
			return "identity/login-2fa";
		}
		signIn.complete(current, request, response);
		if (result == SecondFactorResult.RECOVERY_CODE) {
			return "redirect:/account?recoveryCodeUsed";
		}
		return "redirect:/home";
	}

}

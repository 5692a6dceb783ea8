package org.haven.identity.web;

import java.util.List;

import org.haven.identity.CurrentAccount;
import org.haven.identity.internal.AccountSettings;
import org.haven.identity.internal.AccountSettings.Enrolment;
import org.haven.identity.internal.Authorities;
import org.haven.identity.internal.SessionControl;
import org.haven.identity.internal.SignIn;
import org.haven.shared.web.OnRefusal;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Account settings: name, password, two-step verification, recovery codes, sign out
 * everywhere.
 */
@Controller
class AccountController {

	private static final String PENDING_SECRET = "haven.pendingTotpSecret";

	private final AccountSettings settings;

	private final SessionControl sessions;

	private final SignIn signIn;

	AccountController(AccountSettings settings, SessionControl sessions, SignIn signIn) {
		this.settings = settings;
		this.sessions = sessions;
		this.signIn = signIn;
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal CurrentAccount current, Model model) {
		return show(current, model);
	}

	private String show(CurrentAccount current, Model model) {
		var account = settings.get(current.id());
		model.addAttribute("account", account);
		model.addAttribute("recoveryCodesLeft", settings.recoveryCodesLeft(current.id()));
		if (!model.containsAttribute("displayName")) {
			model.addAttribute("displayName", account.displayName());
		}
		return "identity/account";
	}

	@PostMapping("/account/name")
	@OnRefusal(show = "account")
	String rename(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String displayName,
			Model model) {
		model.addAttribute("displayName", Forms.keep(displayName));
		settings.rename(current.id(), displayName);
		return "redirect:/account?nameChanged";
	}

	@PostMapping("/account/password")
	@OnRefusal(show = "account")
	String changePassword(@AuthenticationPrincipal CurrentAccount account,
			@ModelAttribute("passwordChange") PasswordChange form) {
		settings.changePassword(account.id(), form.current(), form.password(), form.confirmation());
		return "redirect:/account?passwordChanged";
	}

	@GetMapping("/account/2fa/setup")
	String setup(@AuthenticationPrincipal CurrentAccount current, HttpSession session, Model model) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		Enrolment enrolment = secret == null ? settings.beginTotpEnrolment(current.id())
				: settings.describeEnrolment(current.id(), secret);
		session.setAttribute(PENDING_SECRET, enrolment.secret());
		model.addAttribute("enrolment", enrolment);
		model.addAttribute("required", current.role().requiresSecondFactor());
		return "identity/2fa-setup";
	}

	@PostMapping("/account/2fa/setup")
	@OnRefusal(show = "setup")
	String confirmSetup(@AuthenticationPrincipal CurrentAccount current, Authentication authentication,
			@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			return "redirect:/account/2fa/setup";
		}
		List<String> codes = settings.confirmTotpEnrolment(current.id(), secret, code);
		session.removeAttribute(PENDING_SECRET);
		if (Authorities.has(authentication, Authorities.ENROLMENT_PENDING)) {
			signIn.complete(current, request, response);
		}
		model.addAttribute("codes", codes);
		return "identity/recovery-codes";
	}

	@PostMapping("/account/2fa/disable")
	@OnRefusal(show = "account", field = "disableCurrent")
	String disable(@AuthenticationPrincipal CurrentAccount current,
			@RequestParam(name = "disableCurrent", defaultValue = "") String currentPassword) {
		settings.disableTotp(current.id(), currentPassword);
		return "redirect:/account?twoFactorOff";
	}

	@PostMapping("/account/recovery-codes")
	@OnRefusal(show = "account", field = "recoveryCode")
	String regenerate(@AuthenticationPrincipal CurrentAccount current, @RequestParam(defaultValue = "") String code,
			Model model) {
		model.addAttribute("codes", settings.regenerateRecoveryCodes(current.id(), code));
		return "identity/recovery-codes";
	}

	/** What the change-password form sends; a field left out is null. */
	record PasswordChange(String current, String password, String confirmation) {
	}

	@PostMapping("/account/sign-out-everywhere")
	String signOutEverywhere(@AuthenticationPrincipal CurrentAccount current, HttpServletRequest request) {
		sessions.signOutEverywhere(current.id());
		signIn.abandon(request);
		return "redirect:/login?signedOutEverywhere";
	}

	/** The idle-timeout warning's "stay signed in": any request counts as activity. */
	@PostMapping("/session/keepalive")
	@ResponseBody
	ResponseEntity<Void> keepAlive() {
		return ResponseEntity.noContent().build();
	}

}

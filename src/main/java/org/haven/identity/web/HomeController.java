package org.haven.identity.web;

import org.haven.identity.CurrentAccount;
import org.haven.identity.internal.AccountSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	private final AccountSettings settings;

	HomeController(AccountSettings settings) {
		this.settings = settings;
	}

	@GetMapping("/")
	String index() {
		return "index";
	}

	@GetMapping("/home")
	String home(@AuthenticationPrincipal CurrentAccount current, Model model) {
		model.addAttribute("account", settings.get(current.id()));
		return "home";
	}
}

package org.haven.identity.web;

import java.util.Comparator;
import java.util.List;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.internal.AccountSettings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The landing page and the signed-in home page, which gathers the panels other modules
 * contribute.
 */
@Controller
class HomeController {

	private final AccountSettings settings;

	private final List<HomePanel> panels;

	HomeController(AccountSettings settings, List<HomePanel> panels) {
		this.settings = settings;
		this.panels = panels.stream().sorted(Comparator.comparingInt(HomePanel::order)).toList();
	}

	@GetMapping("/")
	String index(Model model) {
		model.addAttribute("metaDescription", "Haven is open-source online therapy: find a licensed therapist and "
				+ "meet by video, audio, live chat, letters or text messages, in one private place.");
		return "index";
	}

	@GetMapping("/home")
	String home(@AuthenticationPrincipal CurrentAccount current, Model model) {
		model.addAttribute("account", settings.get(current.id()));
		model.addAttribute("panels", panels.stream().flatMap(p -> p.panelFor(current).stream()).toList());
		return "home";
	}

}

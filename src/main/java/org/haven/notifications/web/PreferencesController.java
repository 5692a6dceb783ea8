package org.haven.notifications.web;

import java.util.Map;

import org.haven.identity.CurrentAccount;
import org.haven.notifications.internal.Preferences;
import org.haven.notifications.internal.Preferences.Choice;
import org.haven.notifications.internal.Preferences.InvalidPreference;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Each user chooses which notices reach them, on which channel, and the time zone they are written in. */
@Controller
class PreferencesController {

	private final Preferences preferences;

	PreferencesController(Preferences preferences) {
		this.preferences = preferences;
	}

	@GetMapping("/account/notifications")
	String show(@AuthenticationPrincipal CurrentAccount me, Model model) {
		Choice choice = preferences.of(me.id());
		model.addAttribute("choice", choice);
		model.addAttribute("timeZone", choice.timeZone() == null ? "" : choice.timeZone().getId());
		return "notifications/preferences";
	}

	@PostMapping("/account/notifications")
	String save(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "false") boolean emailNotices,
			@RequestParam(defaultValue = "false") boolean emailReminders, @RequestParam(defaultValue = "") String timeZone, Model model) {
		try {
			preferences.save(me.id(), emailNotices, emailReminders, timeZone);
			return "redirect:/account/notifications?saved";
		}
		catch (InvalidPreference rejected) {
			model.addAttribute("choice", new Choice(emailNotices, emailReminders, null));
			model.addAttribute("timeZone", timeZone.length() > 64 ? timeZone.substring(0, 64) : timeZone);
			model.addAttribute("errors", Map.of("timeZone", rejected.getMessage()));
			return "notifications/preferences";
		}
	}
}

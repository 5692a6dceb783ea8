package org.haven.notifications.web;

import java.time.LocalTime;

import org.haven.identity.CurrentAccount;
import org.haven.notifications.internal.Preferences;
import org.haven.notifications.internal.Preferences.Choice;
import org.haven.notifications.internal.Preferences.Form;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Each user chooses which notices reach them, on which channel, the time zone they are
 * written in, and quiet hours for word of unread messages.
 */
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
		model.addAttribute("quietFrom", choice.quietHours() == null ? "" : time(choice.quietHours().from()));
		model.addAttribute("quietTo", choice.quietHours() == null ? "" : time(choice.quietHours().to()));
		return "notifications/preferences";
	}

	@PostMapping("/account/notifications")
	@OnRefusal(view = "notifications/preferences")
	String save(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "false") boolean emailNotices,
			@RequestParam(defaultValue = "false") boolean emailReminders,
			@RequestParam(defaultValue = "false") boolean emailUnread, @RequestParam(defaultValue = "") String timeZone,
			@RequestParam(defaultValue = "") String quietFrom, @RequestParam(defaultValue = "") String quietTo,
			Model model) {
		model.addAttribute("choice", new Choice(emailNotices, emailReminders, emailUnread, null, null));
		model.addAttribute("timeZone", shown(timeZone));
		model.addAttribute("quietFrom", shown(quietFrom));
		model.addAttribute("quietTo", shown(quietTo));
		preferences.save(me.id(), new Form(emailNotices, emailReminders, emailUnread, timeZone, quietFrom, quietTo));
		return "redirect:/account/notifications?saved";
	}

	private static String time(LocalTime time) {
		return String.format("%02d:%02d", time.getHour(), time.getMinute());
	}

	/** What was typed, shown again with its error; never more than a field holds. */
	private static String shown(String typed) {
		return typed.length() > 64 ? typed.substring(0, 64) : typed;
	}

}

package org.haven.scheduling.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Availability.Settings;
import org.haven.scheduling.internal.TimeOffs;
import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A therapist's availability (/therapist/** is for therapists only); clients book the
 * free times on {@link BookingPageController}'s pages.
 */
@Controller
class AvailabilityController {

	private final Availability availability;

	private final TimeOffs timeOffs;

	AvailabilityController(Availability availability, TimeOffs timeOffs) {
		this.availability = availability;
		this.timeOffs = timeOffs;
	}

	@GetMapping("/therapist/availability")
	String edit(@AuthenticationPrincipal CurrentAccount therapist, Model model) {
		model.addAttribute("settings", availability.settings(therapist.id()));
		model.addAttribute("rules", availability.rules(therapist.id()));
		model.addAttribute("daysOff", availability.daysOff(therapist.id()));
		model.addAttribute("timeOff", timeOffs.upcoming(therapist.id()));
		if (!model.containsAttribute("timeOffForm")) {
			model.addAttribute("timeOffForm",
					Map.of("timeOffDate", "", "timeOffFrom", "13:00", "timeOffUntil", "17:00", "timeOffLabel", ""));
		}
		model.addAttribute("zone", availability.zoneOf(therapist.id()).map(ZoneId::getId).orElse(null));
		model.addAttribute("days", DayOfWeek.values());
		return "scheduling/availability";
	}

	@PostMapping("/therapist/availability/settings")
	@OnRefusal(show = "edit")
	String settings(@AuthenticationPrincipal CurrentAccount therapist, @RequestParam(defaultValue = "") String length,
			@RequestParam(defaultValue = "") String buffer, @RequestParam(defaultValue = "") String minimumNotice,
			@RequestParam(defaultValue = "") String horizon) {
		availability.saveSettings(therapist.id(), new Settings(number("length", length), number("buffer", buffer),
				number("minimumNotice", minimumNotice), number("horizon", horizon)));
		return "redirect:/therapist/availability?settingsSaved";
	}

	@PostMapping("/therapist/availability/rules")
	@OnRefusal(show = "edit")
	String addRule(@AuthenticationPrincipal CurrentAccount therapist, @RequestParam(defaultValue = "") String day,
			@RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end) {
		availability.addRule(therapist.id(), day, start, end);
		return "redirect:/therapist/availability?ruleAdded";
	}

	@PostMapping("/therapist/availability/rules/{id}/remove")
	String removeRule(@AuthenticationPrincipal CurrentAccount therapist, @PathVariable UUID id) {
		availability.removeRule(therapist.id(), id);
		return "redirect:/therapist/availability?ruleRemoved";
	}

	@PostMapping("/therapist/availability/days-off")
	@OnRefusal(show = "edit")
	String addDayOff(@AuthenticationPrincipal CurrentAccount therapist,
			@RequestParam(defaultValue = "") String dayOff) {
		availability.addDayOff(therapist.id(), dayOff);
		return "redirect:/therapist/availability?dayOffAdded";
	}

	@PostMapping("/therapist/availability/days-off/{date}/remove")
	String removeDayOff(@AuthenticationPrincipal CurrentAccount therapist,
			@PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		availability.removeDayOff(therapist.id(), date);
		return "redirect:/therapist/availability?dayOffRemoved";
	}

	@PostMapping("/therapist/availability/time-off")
	@OnRefusal(show = "edit")
	String addTimeOff(@AuthenticationPrincipal CurrentAccount therapist,
			@RequestParam(defaultValue = "") String timeOffDate, @RequestParam(defaultValue = "") String timeOffFrom,
			@RequestParam(defaultValue = "") String timeOffUntil, @RequestParam(defaultValue = "") String timeOffLabel,
			Model model) {
		// Shown again if refused, so nothing typed is lost; the bound keeps absurd input
		// off the page.
		model.addAttribute("timeOffForm", Map.of("timeOffDate", keep(timeOffDate), "timeOffFrom", keep(timeOffFrom),
				"timeOffUntil", keep(timeOffUntil), "timeOffLabel", keep(timeOffLabel)));
		timeOffs.add(therapist.id(), timeOffDate, timeOffFrom, timeOffUntil, timeOffLabel);
		return "redirect:/therapist/availability?timeOffAdded";
	}

	@PostMapping("/therapist/availability/time-off/{id}/remove")
	String removeTimeOff(@AuthenticationPrincipal CurrentAccount therapist, @PathVariable UUID id) {
		timeOffs.remove(therapist.id(), id);
		return "redirect:/therapist/availability?timeOffRemoved";
	}

	private static String keep(String value) {
		return value.length() > 200 ? value.substring(0, 200) : value;
	}

	private static int number(String field, String raw) {
		try {
			return Integer.parseInt(raw.trim());
		}
		catch (NumberFormatException ex) {
			throw Refusal.of(field, "Enter a whole number.");
		}
	}

}

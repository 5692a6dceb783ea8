package org.haven.scheduling.web;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.internal.Series;
import org.haven.scheduling.internal.SlotTaken;
import org.haven.shared.web.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A therapist books a session, or a weekly or fortnightly series, for a client in their
 * care (/therapist/** only).
 */
@Controller
class TherapistBookingController {

	private final Bookings bookings;

	private final Availability availability;

	private final CareRelationships care;

	private final TherapistDirectory directory;

	private final Accounts accounts;

	TherapistBookingController(Bookings bookings, Availability availability, CareRelationships care,
			TherapistDirectory directory, Accounts accounts) {
		this.bookings = bookings;
		this.availability = availability;
		this.care = care;
		this.directory = directory;
		this.accounts = accounts;
	}

	@GetMapping("/therapist/book")
	String form(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String client,
			Model model) {
		return page(me, model, Map.of("client", client, "date", "", "time", "10:00", "modality", "VIDEO", "repeat",
				"NONE", "count", "1"));
	}

	@PostMapping("/therapist/book")
	String book(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String client,
			@RequestParam(defaultValue = "") String date, @RequestParam(defaultValue = "") String time,
			@RequestParam(defaultValue = "") String modality, @RequestParam(defaultValue = "NONE") String repeat,
			@RequestParam(defaultValue = "1") String count, Model model) {
		Map<String, String> form = Map.of("client", keep(client), "date", keep(date), "time", keep(time), "modality",
				keep(modality), "repeat", keep(repeat), "count", keep(count));
		try {
			List<UUID> booked = bookings.bookFor(me.id(), uuid(client), Series.parse(date, time, repeat, count),
					modality);
			return "redirect:/appointments?bookedFor=" + booked.size();
		}
		catch (Refusal rejected) {
			// A time just taken is said at the date: this form has no start field.
			model.addAttribute("errors",
					Map.of(rejected instanceof SlotTaken ? "date" : rejected.field(), rejected.getMessage()));
		}
		return page(me, model, form);
	}

	private String page(CurrentAccount me, Model model, Map<String, String> form) {
		Map<String, String> clients = new LinkedHashMap<>();
		for (UUID id : care.activeClientsOf(me.id())) {
			accounts.find(id)
				.filter(AccountSummary::active)
				.ifPresent(a -> clients.put(id.toString(), a.displayName()));
		}
		model.addAttribute("clients", clients);
		model.addAttribute("form", form);
		model.addAttribute("offered",
				Arrays.stream(Modality.values()).filter(m -> directory.offers(me.id(), m)).toList());
		model.addAttribute("zone", availability.zoneOf(me.id()).map(ZoneId::getId).orElse(null));
		model.addAttribute("maxCount", Series.MAX_COUNT);
		return "scheduling/book-for-client";
	}

	private static UUID uuid(String raw) {
		try {
			return UUID.fromString(raw.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String keep(String value) {
		return value.length() > 100 ? value.substring(0, 100) : value;
	}

}

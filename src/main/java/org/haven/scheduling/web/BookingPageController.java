package org.haven.scheduling.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.care.TelehealthConsent;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.directory.TherapistDirectory.Fees;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.PracticeTerms;
import org.haven.scheduling.internal.Slot;
import org.haven.scheduling.internal.TimeZones;
import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * How a client books: a week of the therapist's free times in the viewer's time zone, one
 * choice of how to meet, and a page to confirm the time, the fee and the cancellation
 * terms before anything is booked. Booking itself is {@code POST /appointments}.
 */
@Controller
class BookingPageController {

	private final Availability availability;

	private final Accounts accounts;

	private final CareRelationships care;

	private final TelehealthConsent consent;

	private final TherapistDirectory directory;

	private final PracticeTerms terms;

	private final Clock clock;

	BookingPageController(Availability availability, Accounts accounts, CareRelationships care,
			TelehealthConsent consent, TherapistDirectory directory, PracticeTerms terms, Clock clock) {
		this.availability = availability;
		this.accounts = accounts;
		this.care = care;
		this.consent = consent;
		this.directory = directory;
		this.terms = terms;
		this.clock = clock;
	}

	/**
	 * A week of a therapist's free times, shown in the time zone the viewer picks (the
	 * therapist's by default); {@code week} is any day of the week to show.
	 */
	@GetMapping("/therapists/{id}/times")
	String times(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String zone, @RequestParam(defaultValue = "") String week,
			@RequestParam(defaultValue = "") String modality, Model model) {
		AccountSummary therapist = therapist(id);
		ZoneId therapistZone = availability.zoneOf(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Map<String, String> errors = new LinkedHashMap<>();
		ZoneId shown = therapistZone;
		String keptZone = null;
		if (!zone.isBlank()) {
			try {
				shown = TimeZones.parse(zone);
				keptZone = shown.getId();
			}
			catch (Refusal rejected) {
				errors.put("zone", rejected.getMessage());
			}
		}
		LocalDate asked = null;
		if (!week.isBlank()) {
			asked = date(week);
			if (asked == null) {
				errors.put("week", "That week was not understood. Choose a week with the links on this page.");
			}
		}
		BookingWeek shownWeek = BookingWeek.of(availability.freeSlots(id), shown, LocalDate.now(clock.withZone(shown)),
				asked);
		List<Modality> offered = offered(id);
		Modality chosen = Modality.parse(modality)
			.filter(offered::contains)
			.orElse(offered.isEmpty() ? null : offered.get(0));
		boolean inCare = care.active(me.id(), id).isPresent();
		boolean canBook = me.role() == Role.CLIENT && inCare && consent.hasCurrentConsent(me.id());
		if (!errors.isEmpty()) {
			model.addAttribute("errors", errors);
		}
		model.addAttribute("canBook", canBook);
		model.addAttribute("inCare", inCare);
		model.addAttribute("offered", offered.stream().map(m -> new Choice(m.name(), meeting(m))).toList());
		model.addAttribute("chosenModality", chosen == null ? null : chosen.name());
		model.addAttribute("therapistId", id);
		model.addAttribute("therapistName", therapist.displayName());
		model.addAttribute("zone", shown.getId());
		model.addAttribute("therapistsZone", shown.equals(therapistZone));
		model.addAttribute("keptZone", keptZone);
		model.addAttribute("typedZone", errors.containsKey("zone") ? keep(zone, 64) : "");
		model.addAttribute("zones", TimeZones.regionIds());
		model.addAttribute("week", shownWeek);
		model.addAttribute("weekParam", shownWeek.monday().toString());
		model.addAttribute("previousWeekUrl", timesPath(id, keptZone, shownWeek.previous()));
		model.addAttribute("nextWeekUrl", timesPath(id, keptZone, shownWeek.next()));
		model.addAttribute("nextFreeUrl", timesPath(id, keptZone, shownWeek.nextFree()));
		addTerms(model, id);
		return "scheduling/times";
	}

	/**
	 * The step before booking: the chosen time, how to meet, the fee and the cancellation
	 * terms, with a button that books. Nothing is stored here; a time no longer free, or
	 * a client who may not book, goes back to the week with the reason.
	 */
	@PostMapping("/appointments/confirm")
	String confirm(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String therapistId,
			@RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String modality,
			@RequestParam(defaultValue = "") String zone, @RequestParam(defaultValue = "") String week, Model model,
			RedirectAttributes redirect) {
		UUID id = uuid(therapistId);
		AccountSummary therapist = therapist(id);
		ZoneId therapistZone = availability.zoneOf(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String keptZone = validZone(zone);
		ZoneId shown = keptZone == null ? therapistZone : ZoneId.of(keptZone);
		LocalDate keptWeek = week.isBlank() ? null : date(week);
		String back = "redirect:" + timesPath(id, keptZone, keptWeek);
		boolean canBook = me.role() == Role.CLIENT && care.active(me.id(), id).isPresent()
				&& consent.hasCurrentConsent(me.id());
		if (!canBook) {
			// The week page says why: care not started yet, or no consent signed.
			return back;
		}
		Optional<Modality> how = Modality.parse(modality).filter(m -> directory.offers(id, m));
		if (how.isEmpty()) {
			redirect.addFlashAttribute("bookingError", "Choose how you would like to meet, then a time.");
			return back;
		}
		Instant at;
		try {
			at = BookingAnswers.instant(start);
		}
		catch (Refusal rejected) {
			redirect.addFlashAttribute("bookingError", rejected.getMessage() + " Choose a time from the week.");
			return back;
		}
		Optional<Slot> slot = availability.freeSlots(id).stream().filter(s -> s.start().equals(at)).findFirst();
		if (slot.isEmpty()) {
			redirect.addFlashAttribute("bookingError",
					"That time is no longer free: someone may just have booked it. Choose another time.");
			return back;
		}
		BookingWeek.FreeTime time = BookingWeek.FreeTime.of(slot.get(), shown);
		model.addAttribute("therapistId", id);
		model.addAttribute("therapistName", therapist.displayName());
		model.addAttribute("when",
				BookingWeek.LONG_DATE.format(slot.get().startIn(shown)) + ", " + time.time() + "–" + time.end());
		model.addAttribute("zone", shown.getId());
		model.addAttribute("start", time.start());
		model.addAttribute("modality", how.get().name());
		model.addAttribute("modalityLabel", meeting(how.get()));
		model.addAttribute("keptZone", keptZone);
		model.addAttribute("weekParam", keptWeek == null ? null : keptWeek.toString());
		model.addAttribute("backUrl", timesPath(id, keptZone, keptWeek, how.get()));
		addTerms(model, id);
		return "scheduling/confirm";
	}

	/**
	 * The week page of a therapist, keeping the viewer's zone and week when they are
	 * valid (anything else is dropped, so nothing typed ends up in a redirect).
	 */
	static String timesPath(UUID therapistId, @Nullable String zone, @Nullable LocalDate week) {
		return timesPath(therapistId, zone, week, null);
	}

	/** The same with the way to meet chosen already. */
	static String timesPath(UUID therapistId, @Nullable String zone, @Nullable LocalDate week,
			@Nullable Modality modality) {
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/therapists/{id}/times");
		if (week != null) {
			path.queryParam("week", BookingWeek.monday(week).toString());
		}
		String valid = zone == null ? null : validZone(zone);
		if (valid != null) {
			path.queryParam("zone", valid);
		}
		if (modality != null) {
			path.queryParam("modality", modality.name());
		}
		return path.buildAndExpand(therapistId).encode().toUriString();
	}

	/** The words a client reads for a way to meet: no codes. */
	static String meeting(Modality modality) {
		return switch (modality) {
			case VIDEO -> "Video call";
			case AUDIO -> "Audio call (voice only, no camera)";
			case CHAT -> "Live chat (typing to each other)";
			case LETTERS -> "Letters";
			case SMS -> "Text messages (SMS)";
		};
	}

	static @Nullable String validZone(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			return TimeZones.parse(raw).getId();
		}
		catch (Refusal rejected) {
			return null;
		}
	}

	static @Nullable LocalDate date(String raw) {
		if (raw == null || raw.length() > 10) {
			return null;
		}
		try {
			return LocalDate.parse(raw.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private void addTerms(Model model, UUID therapistId) {
		Fees fees = directory.fees(therapistId);
		model.addAttribute("fee", fees.fee());
		model.addAttribute("reducedFee", fees.reducedFee());
		model.addAttribute("feeNotListed", terms.feeNotListed());
		model.addAttribute("lateWindow", SessionPageController.hours(terms.lateCancellation()));
	}

	private List<Modality> offered(UUID therapistId) {
		return Arrays.stream(Modality.values()).filter(m -> directory.offers(therapistId, m)).toList();
	}

	private AccountSummary therapist(UUID id) {
		return accounts.find(id)
			.filter(a -> a.role() == Role.THERAPIST && a.active())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static UUID uuid(String raw) {
		try {
			return UUID.fromString(raw);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	private static String keep(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

	/** A way to meet as the form offers it: the value sent and the words shown. */
	record Choice(String value, String label) {
	}

}

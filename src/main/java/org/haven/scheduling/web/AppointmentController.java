package org.haven.scheduling.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Bookings;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.haven.shared.web.Refusals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Booking a free time, the list of one's sessions, and cancelling; the same booking on
 * /api/v1.
 */
@Controller
class AppointmentController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm",
			Locale.ENGLISH);

	private final Bookings bookings;

	private final AppointmentStore store;

	private final Availability availability;

	private final Accounts accounts;

	AppointmentController(Bookings bookings, AppointmentStore store, Availability availability, Accounts accounts) {
		this.bookings = bookings;
		this.store = store;
		this.availability = availability;
		this.accounts = accounts;
	}

	@GetMapping("/appointments")
	String list(@AuthenticationPrincipal CurrentAccount me, Model model) {
		model.addAttribute("appointments", store.upcoming(me.id()).stream().map(a -> view(me, a)).toList());
		model.addAttribute("lateWindow", SessionPageController.hours(store.lateCancellationWindow()));
		return "scheduling/appointments";
	}

	/**
	 * Books at once: the week page leads here through its confirmation page, which sends
	 * the viewer's {@code zone} and {@code week} along so that a refusal shows the same
	 * week again.
	 */
	@PostMapping("/appointments")
	String book(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String therapistId,
			@RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String modality,
			@RequestParam(defaultValue = "") String zone, @RequestParam(defaultValue = "") String week,
			RedirectAttributes redirect) {
		UUID therapist = uuid(therapistId);
		try {
			UUID id = bookings.book(me.id(), therapist, BookingAnswers.instant(start), modality);
			// Kept in the session until the next page: plain text, which it can store.
			store.find(me.id(), id)
				.map(a -> view(me, a))
				.ifPresent(v -> redirect.addFlashAttribute("bookedSession",
						v.when() + " with " + v.with() + " (" + v.modality() + ")"));
			return "redirect:/appointments?booked";
		}
		catch (Refusal rejected) {
			redirect.addFlashAttribute("bookingError", rejected.getMessage());
			return "redirect:" + BookingPageController.timesPath(therapist, zone,
					week.isBlank() ? null : BookingPageController.date(week));
		}
	}

	@PostMapping("/appointments/{id}/cancel")
	String cancel(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		return bookings.cancel(me.id(), id)
			.map(late -> late ? "redirect:/appointments?cancelledLate" : "redirect:/appointments?cancelled")
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	@Operation(operationId = "bookAppointment", summary = "Book a free time", tags = "Appointments",
			description = "For a client in care with the therapist: start is one of the therapist's free times, modality one the therapist"
					+ " offers (the modalities of its profile). 409 if the time was just taken.")
	@ApiResponse(responseCode = "201", description = "Booked.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Booked.class)))
	@Refusals({ 400, 409, 415 })
	@PostMapping("/api/v1/appointments")
	@ResponseBody
	ResponseEntity<?> bookApi(@AuthenticationPrincipal CurrentAccount me, @RequestBody BookingRequest request) {
		UUID id = bookings.book(me.id(), request.therapistId(), request.start(), request.modality());
		return ResponseEntity.status(HttpStatus.CREATED).body(new Booked(id));
	}

	@Operation(operationId = "listAppointments", summary = "The signed-in account's upcoming appointments",
			tags = "Appointments", description = "As client or as therapist, soonest first.")
	@GetMapping("/api/v1/appointments")
	@ResponseBody
	List<Appointment> listApi(@AuthenticationPrincipal CurrentAccount me) {
		return store.upcoming(me.id());
	}

	private AppointmentView view(CurrentAccount me, Appointment a) {
		UUID other = me.id().equals(a.clientId()) ? a.therapistId() : a.clientId();
		ZoneId zone = availability.zoneOf(a.therapistId()).orElse(ZoneId.of("UTC"));
		return new AppointmentView(a.id(), accounts.find(other).map(AccountSummary::displayName).orElse("(unknown)"),
				WHEN.format(a.start().atZone(zone)) + " (" + zone.getId() + ")", Modality.wordsFor(a.modality()));
	}

	private static UUID uuid(String raw) {
		try {
			return UUID.fromString(raw);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	record BookingRequest(UUID therapistId, Instant start, String modality) {
	}

	record Booked(UUID id) {
	}

	record AppointmentView(UUID id, String with, String when, String modality) {
	}

}

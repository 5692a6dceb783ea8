package org.haven.scheduling.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.haven.scheduling.JoinWindow;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.internal.Slot;
import org.haven.shared.web.Refusal;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
import org.springframework.web.util.UriComponentsBuilder;

import org.haven.shared.web.Refusals;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * One session's page (where its parties land from notices and calendars, and where they
 * will join), and moving it to another free time. Anyone but its client and therapist
 * gets 404, whatever the id.
 */
@Controller
class SessionPageController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm",
			Locale.ENGLISH);

	private final Bookings bookings;

	private final AppointmentStore store;

	private final Availability availability;

	private final Accounts accounts;

	private final Clock clock;

	SessionPageController(Bookings bookings, AppointmentStore store, Availability availability, Accounts accounts,
			Clock clock) {
		this.bookings = bookings;
		this.store = store;
		this.availability = availability;
		this.accounts = accounts;
		this.clock = clock;
	}

	@GetMapping("/appointments/{id}")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Appointment a = store.find(me.id(), id).orElseThrow(SessionPageController::notFound);
		ZoneId zone = zone(a);
		Instant now = clock.instant();
		model.addAttribute("appointmentId", a.id());
		model.addAttribute("when", WHEN.format(a.start().atZone(zone)) + "–" + a.end().atZone(zone).toLocalTime());
		model.addAttribute("zone", zone.getId());
		model.addAttribute("with", otherName(me, a));
		model.addAttribute("withRole", me.id().equals(a.clientId()) ? "Therapist" : "Client");
		model.addAttribute("modality", Modality.wordsFor(a.modality()));
		model.addAttribute("booked", a.booked());
		model.addAttribute("upcoming", a.booked() && a.start().isAfter(now));
		model.addAttribute("joinable", a.booked() && JoinWindow.of(a.start(), a.end()).isOpen(now));
		model.addAttribute("late", a.booked() && store.wouldBeLate(a));
		model.addAttribute("callable", a.modality().equals("VIDEO") || a.modality().equals("AUDIO"));
		model.addAttribute("lateWindow", hours(store.lateCancellationWindow()));
		return "scheduling/session";
	}

	/**
	 * The therapist's free times a week at a time, in the therapist's time zone, each one
	 * button of a single form that moves the session there. {@code week} is any day of
	 * the week to show; by default the week of the session itself (people mostly move a
	 * session by a day or two), or the first week with free time when that one has none.
	 */
	@GetMapping("/appointments/{id}/reschedule")
	String chooseTime(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String week, Model model) {
		Appointment a = store.find(me.id(), id)
			.filter(Appointment::booked)
			.orElseThrow(SessionPageController::notFound);
		ZoneId zone = zone(a);
		LocalDate asked = null;
		if (!week.isBlank()) {
			asked = BookingPageController.date(week);
			if (asked == null) {
				model.addAttribute("errors",
						Map.of("week", "That week was not understood. Choose a week with the links on this page."));
			}
		}
		List<Slot> free = availability.freeSlots(a.therapistId());
		LocalDate today = LocalDate.now(clock.withZone(zone));
		Slot now = new Slot(a.start(), a.end());
		BookingWeek shown = BookingWeek.of(free, zone, today,
				asked != null ? asked : a.start().atZone(zone).toLocalDate(), now);
		if (asked == null && shown.empty()) {
			shown = BookingWeek.of(free, zone, today, null, now);
		}
		model.addAttribute("appointmentId", a.id());
		model.addAttribute("current", WHEN.format(a.start().atZone(zone)) + "–" + a.end().atZone(zone).toLocalTime());
		model.addAttribute("zone", zone.getId());
		model.addAttribute("with", otherName(me, a));
		model.addAttribute("week", shown);
		model.addAttribute("previousWeekUrl", reschedulePath(a.id(), shown.previous()));
		model.addAttribute("nextWeekUrl", reschedulePath(a.id(), shown.next()));
		model.addAttribute("nextFreeUrl", reschedulePath(a.id(), shown.nextFree()));
		return "scheduling/reschedule";
	}

	/** The page that moves a session, on the week of {@code week} when given. */
	static String reschedulePath(UUID appointmentId, @Nullable LocalDate week) {
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/appointments/{id}/reschedule");
		if (week != null) {
			path.queryParam("week", BookingWeek.monday(week).toString());
		}
		return path.buildAndExpand(appointmentId).encode().toUriString();
	}

	@PostMapping("/appointments/{id}/reschedule")
	String reschedule(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String start, RedirectAttributes redirect) {
		try {
			bookings.reschedule(me.id(), id, BookingAnswers.instant(start))
				.orElseThrow(SessionPageController::notFound);
			return "redirect:/appointments/" + id + "?moved";
		}
		catch (Refusal rejected) {
			redirect.addFlashAttribute("rescheduleError", rejected.getMessage());
			return "redirect:/appointments/" + id + "/reschedule";
		}
	}

	@Operation(operationId = "rescheduleAppointment", summary = "Move an appointment to another free time",
			tags = "Appointments",
			description = "Either party; start is another free time of the same therapist. 409 if that time was just taken.")
	@ApiResponse(responseCode = "200", description = "Moved: the appointment as it is now.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Appointment.class)))
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/appointments/{id}/reschedule")
	@ResponseBody
	ResponseEntity<?> rescheduleApi(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody RescheduleRequest request) {
		return bookings.reschedule(me.id(), id, request.start())
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatus(HttpStatus.NOT_FOUND)));
	}

	@Operation(operationId = "cancelAppointment", summary = "Cancel an appointment", tags = "Appointments",
			description = "Either party; late says whether it was within the practice's late-cancellation window.")
	@ApiResponse(responseCode = "200", description = "Cancelled.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Cancelled.class)))
	@Refusals({ 400, 404 })
	@PostMapping("/api/v1/appointments/{id}/cancel")
	@ResponseBody
	ResponseEntity<?> cancelApi(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		return bookings.cancel(me.id(), id)
			.<ResponseEntity<?>>map(late -> ResponseEntity.ok(new Cancelled(true, late)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatus(HttpStatus.NOT_FOUND)));
	}

	private ZoneId zone(Appointment a) {
		return availability.zoneOf(a.therapistId()).orElse(ZoneId.of("UTC"));
	}

	private String otherName(CurrentAccount me, Appointment a) {
		UUID other = me.id().equals(a.clientId()) ? a.therapistId() : a.clientId();
		return accounts.find(other).map(AccountSummary::displayName).orElse("(unknown)");
	}

	static String hours(Duration window) {
		long hours = window.toHours();
		return window.toMinutes() % 60 != 0 ? window.toMinutes() + " minutes"
				: hours == 1 ? "1 hour" : hours + " hours";
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	record Cancelled(boolean cancelled, boolean late) {
	}

	record RescheduleRequest(Instant start) {
	}

}

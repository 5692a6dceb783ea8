package org.haven.visits.web;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.visits.SessionFollowUps;
import org.haven.visits.internal.CheckIns;
import org.haven.visits.internal.CheckIns.CheckIn;
import org.haven.visits.internal.Rooms;
import org.haven.visits.internal.Rooms.Access;
import org.haven.shared.web.OnRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The visit room's page: for the client the waiting room (check-in, then the call once
 * admitted), for the therapist the room with the waiting client's check-in and the call.
 * Anyone else gets 404.
 */
@Controller
class VisitPageController {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

	private final Rooms rooms;

	private final CheckIns checkIns;

	private final Accounts accounts;

	private final CareRelationships care;

	private final Appointments appointments;

	private final List<SessionFollowUps> followUps;

	VisitPageController(Rooms rooms, CheckIns checkIns, Accounts accounts, CareRelationships care,
			Appointments appointments, List<SessionFollowUps> followUps) {
		this.rooms = rooms;
		this.checkIns = checkIns;
		this.accounts = accounts;
		this.care = care;
		this.appointments = appointments;
		this.followUps = followUps;
	}

	@GetMapping("/visits/{id}")
	String room(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Access access = visible(me, id);
		AppointmentDetails a = access.appointment();
		model.addAttribute("room", a.id());
		model.addAttribute("role", access.role().wire());
		model.addAttribute("mode", a.modality().name().equals("AUDIO") ? "audio" : "video");
		model.addAttribute("opensAt",
				TIME.format(a.joinWindow().opens().atZone(a.therapistZone())) + " (" + a.therapistZone().getId() + ")");
		model.addAttribute("when", TIME.format(a.start().atZone(a.therapistZone())) + "–"
				+ a.end().atZone(a.therapistZone()).toLocalTime());
		model.addAttribute("with",
				accounts.find(access.role() == Rooms.Role.CLIENT ? a.therapistId() : a.clientId())
					.map(AccountSummary::displayName)
					.orElse("(unknown)"));
		model.addAttribute("state", access.outcome().name());
		// Session text is the pair's conversation (its id is the care relationship's), so
		// it outlives the call.
		model.addAttribute("conversation", care.active(a.clientId(), a.therapistId()).orElse(null));
		if (access.open() || access.outcome() == Access.Outcome.CLOSED) {
			whatsNext(me, a, model);
		}
		if (access.open() && access.role() == Rooms.Role.CLIENT) {
			Optional<CheckIn> checkIn = currentCheckIn(a, me.id());
			model.addAttribute("checkedIn", checkIn.isPresent());
			if (!model.containsAttribute("form")) {
				model.addAttribute("form", Map.of("location", "", "jurisdiction", "", "phone", ""));
			}
			return "visits/waiting-room";
		}
		if (access.open()) {
			model.addAttribute("checkIn", currentCheckIn(a, me.id()).orElse(null));
		}
		return access.role() == Rooms.Role.CLIENT ? "visits/waiting-room" : "visits/room";
	}

	@PostMapping("/visits/{id}/check-in")
	@OnRefusal(show = "room")
	String checkIn(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@ModelAttribute("checkIn") Arrival form, Model model) {
		Access access = visible(me, id);
		if (access.role() != Rooms.Role.CLIENT) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!access.open()) {
			return "redirect:/visits/" + id;
		}
		model.addAttribute("form", Map.of("location", keep(form.location(), 300), "jurisdiction",
				keep(form.jurisdiction(), 10), "phone", keep(form.phone(), 40)));
		checkIns.checkIn(id, me.id(), form.location(), form.jurisdiction(), form.phone());
		return "redirect:/visits/" + id;
	}

	private Access visible(CurrentAccount me, UUID id) {
		Access access = rooms.access(me.id(), id);
		if (access.outcome() == Access.Outcome.NOT_FOUND) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return access;
	}

	/**
	 * What the "What's next" panel offers once the session ends, so that neither side is
	 * left in a dead room: the pair's next booked session, and whatever the modules above
	 * visits let this reader see (records: the client's questionnaire results). Rendered
	 * hidden; the page shows it when the session ends.
	 */
	private void whatsNext(CurrentAccount me, AppointmentDetails a, Model model) {
		model.addAttribute("nextSession",
				appointments.booked(a.clientId(), a.therapistId(), a.end())
					.stream()
					.filter(n -> !n.id().equals(a.id()) && n.start().isAfter(a.start()))
					.findFirst()
					.map(n -> new NextSession(n.id(),
							TIME.format(n.start().atZone(n.therapistZone())) + " (" + n.therapistZone().getId() + ")"))
					.orElse(null));
		model.addAttribute("followUps", followUps.stream().flatMap(f -> f.after(me, a.clientId()).stream()).toList());
	}

	/** A check-in counts for this session when it was made after the room opened. */
	private Optional<CheckIn> currentCheckIn(AppointmentDetails a, UUID reader) {
		return checkIns.latest(a.id(), reader).filter(c -> a.joinWindow().hasOpened(c.at()));
	}

	private static String keep(String value, int max) {
		return value.length() > max ? value.substring(0, max) : value;
	}

	/** The pair's next booked session, as the "What's next" panel shows it. */
	record NextSession(UUID id, String when) {
	}

	/** What the check-in form sends; a field left out is empty. */
	record Arrival(String location, String jurisdiction, String phone) {

		Arrival {
			location = location == null ? "" : location;
			jurisdiction = jurisdiction == null ? "" : jurisdiction;
			phone = phone == null ? "" : phone;
		}

	}

}

package org.haven.care.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.haven.care.internal.CareRequest;
import org.haven.care.internal.Intake;
import org.haven.care.internal.Intake.RequestForm;
import org.haven.care.internal.Relationships;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.shared.web.OnRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Asking for care, answering requests, and the list of one's care relationships. */
@Controller
class CareController {

	private final Intake intake;

	private final Relationships relationships;

	private final Accounts accounts;

	private final TherapistDirectory directory;

	CareController(Intake intake, Relationships relationships, Accounts accounts, TherapistDirectory directory) {
		this.intake = intake;
		this.relationships = relationships;
		this.accounts = accounts;
		this.directory = directory;
	}

	@GetMapping("/care")
	String overview(@AuthenticationPrincipal CurrentAccount me, Model model) {
		model.addAttribute("therapist", me.role() == Role.THERAPIST);
		model.addAttribute("requests",
				me.role() == Role.THERAPIST ? intake.pendingFor(me.id()) : intake.requestsOf(me.id()));
		model.addAttribute("relationships", relationships.relationshipsOf(me.id()).stream().map(r -> {
			UUID other = me.id().equals(r.clientId()) ? r.therapistId() : r.clientId();
			return new RelationshipView(r.id(), other, intake.name(other), r.startedAt(), r.active());
		}).toList());
		return "care/index";
	}

	@GetMapping("/care/request/{id}")
	String requestForm(@PathVariable("id") UUID therapistId, Model model) {
		// A refused request shows what was typed.
		return showForm(therapistId, model.getAttribute("form") instanceof RequestForm typed ? typed
				: new RequestForm("", List.of(), "", "", ""), model);
	}

	@PostMapping("/care/request/{id}")
	@OnRefusal(show = "requestForm")
	String request(@AuthenticationPrincipal CurrentAccount me, @PathVariable("id") UUID therapistId,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") List<String> modalities,
			@RequestParam(defaultValue = "") String jurisdiction, @RequestParam(defaultValue = "") String location,
			@RequestParam(defaultValue = "") String emergencyContact, Model model) {
		RequestForm form = new RequestForm(reason, modalities.stream().filter(m -> !m.isBlank()).limit(10).toList(),
				jurisdiction, location, emergencyContact);
		model.addAttribute("form", form);
		UUID id = intake.request(me.id(), therapistId, form);
		return "redirect:/care/requests/" + id + "?sent";
	}

	@GetMapping("/care/requests/{id}")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		CareRequest request = intake.requestFor(me.id(), id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("request", request);
		// Stored as the codes the form sent; shown in words.
		model.addAttribute("preferredModalities",
				request.preferredModalities()
					.stream()
					.map(m -> Modality.parse(m).map(Modality::label).orElse(m))
					.toList());
		model.addAttribute("asTherapist", me.id().equals(request.therapistId()));
		model.addAttribute("clientName", intake.name(request.clientId()));
		model.addAttribute("therapistName", intake.name(request.therapistId()));
		return "care/request";
	}

	@PostMapping("/care/requests/{id}/accept")
	@OnRefusal(show = "show")
	String accept(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String message) {
		return answer(me, id, () -> intake.accept(me.id(), id, message), "accepted");
	}

	@PostMapping("/care/requests/{id}/decline")
	@OnRefusal(show = "show")
	String decline(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String message) {
		return answer(me, id, () -> intake.decline(me.id(), id, message), "declined");
	}

	@PostMapping("/care/requests/{id}/withdraw")
	String withdraw(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		if (!intake.withdraw(me.id(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/care?withdrawn";
	}

	@PostMapping("/care/relationships/{id}/end")
	String end(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		if (!relationships.end(me.id(), id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/care?ended";
	}

	private String answer(CurrentAccount me, UUID id, Runnable action, String outcome) {
		// Only the request's therapist gets past this; anyone else learns nothing about
		// it.
		intake.requestFor(me.id(), id)
			.filter(r -> me.id().equals(r.therapistId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		action.run();
		return "redirect:/care?" + outcome;
	}

	private String showForm(UUID therapistId, RequestForm form, Model model) {
		AccountSummary therapist = accounts.find(therapistId)
			.filter(a -> a.role() == Role.THERAPIST && a.active())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("therapistId", therapistId);
		model.addAttribute("therapistName", therapist.displayName());
		model.addAttribute("offered",
				Arrays.stream(Modality.values()).filter(m -> directory.offers(therapistId, m)).toList());
		model.addAttribute("form", form);
		return "care/request-form";
	}

	record RelationshipView(UUID id, UUID otherId, String otherName, Instant startedAt, boolean active) {
	}

}

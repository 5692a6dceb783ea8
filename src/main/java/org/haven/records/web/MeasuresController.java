package org.haven.records.web;

import java.util.Map;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.records.internal.Assignment;
import org.haven.records.internal.Assignments;
import org.haven.records.internal.CrisisLines;
import org.haven.records.internal.Instrument;
import org.haven.records.internal.Responses;
import org.haven.records.internal.Responses.Submitted;
import org.haven.records.internal.Results;
import org.haven.records.internal.RiskAlerts;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The client's questionnaires: the list of those due, one page per questionnaire, and the
 * page after sending it (with the crisis lines for where they are when their answers
 * raise a risk). A therapist's list of clients leads to each client's measures.
 */
@Controller
class MeasuresController {

	private final Assignments assignments;

	private final Responses responses;

	private final Results results;

	private final RiskAlerts alerts;

	private final CrisisLines crisisLines;

	private final CareRelationships care;

	private final Accounts accounts;

	private final MeasurePages pages;

	MeasuresController(Assignments assignments, Responses responses, Results results, RiskAlerts alerts,
			CrisisLines crisisLines, CareRelationships care, Accounts accounts, MeasurePages pages) {
		this.assignments = assignments;
		this.responses = responses;
		this.results = results;
		this.alerts = alerts;
		this.crisisLines = crisisLines;
		this.care = care;
		this.accounts = accounts;
		this.pages = pages;
	}

	@GetMapping("/records/measures")
	String index(@AuthenticationPrincipal CurrentAccount me, Model model) {
		if (me.role() == Role.CLIENT) {
			model.addAttribute("due", pages.dueItems(assignments.due(me.id())));
			model.addAttribute("shared", results.shared(me.id()));
		}
		if (me.role() == Role.THERAPIST) {
			model.addAttribute("clients", accounts.findAll(care.activeClientsOf(me.id())));
		}
		return "records/measures/index";
	}

	@GetMapping("/records/measures/assignments/{id}")
	String fill(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Assignment assignment = own(me, id);
		MeasurePages.form(model, assignment.instrument(), "/records/measures/assignments/" + id, Map.of());
		return "records/measures/fill";
	}

	@PostMapping("/records/measures/assignments/{id}")
	@OnRefusal(show = "fill")
	String submit(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam Map<String, String> form, Model model) {
		Assignment assignment = own(me, id);
		MeasurePages.keep(model, form);
		Submitted submitted = responses.submit(me.id(), id, form.get("submissionKey"),
				MeasurePages.answers(assignment.instrument(), form), form.get("difficulty"));
		return "redirect:/records/measures/responses/" + submitted.id();
	}

	/**
	 * After sending, the client sees thanks (and the crisis lines when the answers raised
	 * a risk); the therapist sees the answers in full.
	 */
	@GetMapping("/records/measures/responses/{id}")
	String response(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		if (me.role() == Role.CLIENT) {
			Submitted submitted = responses.ofClient(me.id(), id).orElseThrow(MeasurePages::notFound);
			if (submitted.flagged()) {
				model.addAttribute("crisis", crisisLines.forClient(me.id()));
			}
			return "records/measures/sent";
		}
		UUID clientId = results.clientOf(id).orElseThrow(MeasurePages::notFound);
		var response = results.response(pages.reader(me, clientId), id).orElseThrow(MeasurePages::notFound);
		model.addAttribute("response", response);
		model.addAttribute("scale", Instrument.SCALE);
		model.addAttribute("difficulties", Instrument.DIFFICULTY);
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", accounts.find(clientId).map(a -> a.displayName()).orElse("Client"));
		model.addAttribute("alert", me.role() == Role.THERAPIST
				? alerts.open(me.id()).stream().filter(a -> a.responseId().equals(id)).findFirst().orElse(null) : null);
		return "records/measures/response";
	}

	@PostMapping("/records/measures/flags/{id}/acknowledge")
	String acknowledge(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		UUID responseId = alerts.acknowledge(me.id(), id);
		return "redirect:/records/measures/responses/" + responseId + "?acknowledged";
	}

	private Assignment own(CurrentAccount me, UUID id) {
		return assignments.find(me.id(), id).orElseThrow(MeasurePages::notFound);
	}

}

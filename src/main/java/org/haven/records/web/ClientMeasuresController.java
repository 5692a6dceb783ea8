package org.haven.records.web;

import java.util.Map;
import java.util.UUID;

import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.records.internal.Assignments;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.records.internal.Instrument;
import org.haven.records.internal.Responses;
import org.haven.records.internal.Responses.Submitted;
import org.haven.records.internal.Results;
import org.haven.records.internal.Schedule;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One client's measures: their progress charts, and for the treating therapist what is
 * assigned, a form to assign more, the questionnaire to fill in with the client during a
 * session, and whether the client sees their own progress. The client sees their charts
 * here once their therapist shares them.
 */
@Controller
class ClientMeasuresController {

	private final Assignments assignments;

	private final Responses responses;

	private final Results results;

	private final Accounts accounts;

	private final MeasurePages pages;

	ClientMeasuresController(Assignments assignments, Responses responses, Results results, Accounts accounts,
			MeasurePages pages) {
		this.assignments = assignments;
		this.responses = responses;
		this.results = results;
		this.accounts = accounts;
		this.pages = pages;
	}

	@GetMapping("/records/measures/clients/{id}")
	String client(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		Reader reader = pages.reader(me, id);
		boolean writer = pages.writerOrNull(me, id) != null;
		model.addAttribute("clientId", id);
		model.addAttribute("clientName", accounts.find(id).map(a -> a.displayName()).orElse("Client"));
		model.addAttribute("reader", reader);
		model.addAttribute("writer", writer);
		model.addAttribute("shared", results.shared(id));
		model.addAttribute("charts", pages.charts(reader));
		model.addAttribute("instruments", Instrument.values());
		model.addAttribute("schedules", Schedule.values());
		if (!reader.isClient()) {
			model.addAttribute("assignments", assignments.active(id));
		}
		if (!model.containsAttribute("assign")) {
			model.addAttribute("assign", new AssignForm("PHQ9", "EVERY_SESSION", "2"));
		}
		return "records/measures/client";
	}

	@PostMapping("/records/measures/clients/{id}/assignments")
	@OnRefusal(show = "client")
	String assign(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String instrument, @RequestParam(defaultValue = "") String schedule,
			@RequestParam(defaultValue = "") String weeks, Model model) {
		Reader writer = pages.writer(me, id);
		model.addAttribute("assign", new AssignForm(clip(instrument), clip(schedule), clip(weeks)));
		assignments.assign(writer, instrument, schedule, weeks);
		return "redirect:/records/measures/clients/" + id + "?assigned";
	}

	@PostMapping("/records/measures/assignments/{id}/stop")
	String stop(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		UUID clientId = assignments.clientOf(id).orElseThrow(MeasurePages::notFound);
		assignments.stop(pages.writer(me, clientId), id);
		return "redirect:/records/measures/clients/" + clientId + "?stopped";
	}

	@PostMapping("/records/measures/clients/{id}/share")
	String share(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean shared) {
		results.share(pages.writer(me, id), shared);
		return "redirect:/records/measures/clients/" + id + (shared ? "?shared" : "?unshared");
	}

	@GetMapping("/records/measures/clients/{id}/administer")
	String administerForm(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "PHQ9") String instrument, Model model) {
		pages.writer(me, id);
		Instrument chosen = Instrument.of(instrument).orElseThrow(MeasurePages::notFound);
		model.addAttribute("clientName", accounts.find(id).map(a -> a.displayName()).orElse("Client"));
		model.addAttribute("administered", true);
		MeasurePages.form(model, chosen, "/records/measures/clients/" + id + "/administer?instrument=" + chosen.name(),
				Map.of());
		return "records/measures/fill";
	}

	@PostMapping("/records/measures/clients/{id}/administer")
	@OnRefusal(show = "administerForm")
	String administer(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "PHQ9") String instrument, @RequestParam Map<String, String> form,
			Model model) {
		Reader writer = pages.writer(me, id);
		Instrument chosen = Instrument.of(instrument).orElseThrow(MeasurePages::notFound);
		MeasurePages.keep(model, form);
		Submitted submitted = responses.administer(writer, chosen.name(), form.get("submissionKey"),
				MeasurePages.answers(chosen, form), form.get("difficulty"));
		return "redirect:/records/measures/responses/" + submitted.id();
	}

	private static String clip(String value) {
		return value.length() > 20 ? value.substring(0, 20) : value;
	}

	/** What the assign form holds. */
	record AssignForm(String instrument, String schedule, String weeks) {
	}

}

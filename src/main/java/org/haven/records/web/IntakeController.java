package org.haven.records.web;

import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.IntakeAnswers;
import org.haven.records.internal.IntakeQuestionnaire;
import org.haven.records.internal.IntakeQuestionnaire.Intake;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The intake questionnaire: the client fills it in on its page of their record (saved as
 * they type by static/js/intake.js, or with the Save button), sends it when complete, and
 * their therapist reads and reviews it from the client's chart.
 */
@Controller
class IntakeController {

	private final RecordPages pages;

	private final IntakeQuestionnaire intake;

	private final Accounts accounts;

	IntakeController(RecordPages pages, IntakeQuestionnaire intake, Accounts accounts) {
		this.pages = pages;
		this.intake = intake;
		this.accounts = accounts;
	}

	@GetMapping("/records/clients/{id}/intake")
	String intake(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		ChartAccess.Reader reader = pages.reader(me, id);
		Intake found = intake.read(reader).orElseThrow(RecordPages::notFound);
		if (!found.editable()) {
			return show(found, pages.mayWrite(me, id), model);
		}
		model.addAttribute("clientId", id);
		model.addAttribute("version", found.version());
		if (!(model.getAttribute("form") instanceof IntakeAnswers)) {
			model.addAttribute("form", found.answers());
		}
		return "records/intake-form";
	}

	@PostMapping("/records/clients/{id}/intake")
	@OnRefusal(show = "intake")
	String save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@ModelAttribute("form") IntakeAnswers form, @RequestParam(defaultValue = "0") long version,
			@RequestParam(required = false) String send) {
		pages.client(me, id);
		if (send != null) {
			intake.submit(id, version, form);
			return "redirect:/records/clients/" + id + "/intake?sent";
		}
		intake.save(id, version, form);
		return "redirect:/records/clients/" + id + "/intake?saved";
	}

	@PostMapping("/records/clients/{id}/intake/review")
	@OnRefusal(show = "intake")
	String review(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		intake.review(pages.writer(me, id));
		return "redirect:/records/clients/" + id + "?reviewed";
	}

	private String show(Intake found, boolean writer, Model model) {
		model.addAttribute("intake", found);
		model.addAttribute("answers", found.answers());
		model.addAttribute("clientName",
				accounts.find(found.clientId()).map(AccountSummary::displayName).orElse("(unknown)"));
		model.addAttribute("submitted", RecordPages.when(found.submittedAt()));
		model.addAttribute("reviewed", RecordPages.when(found.reviewedAt()));
		model.addAttribute("reviewer", found.reviewedBy() == null ? null
				: accounts.find(found.reviewedBy()).map(AccountSummary::displayName).orElse("(unknown)"));
		model.addAttribute("mayReview", writer && found.status() == IntakeQuestionnaire.Status.SUBMITTED);
		return "records/intake";
	}

}

package org.haven.records.web;

import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.PlanDraft;
import org.haven.records.internal.PlanStatus;
import org.haven.records.internal.TreatmentPlan;
import org.haven.records.internal.TreatmentPlans;
import org.haven.records.internal.TreatmentPlans.Shown;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A client's treatment plan: the page both read (the client acknowledges it there, the
 * therapist marks it reviewed), and the therapist's form to write it. The client's id is
 * the only thing in the URLs.
 */
@Controller
class TreatmentPlanController {

	private final TreatmentPlans plans;

	private final PlanViews views;

	TreatmentPlanController(TreatmentPlans plans, PlanViews views) {
		this.plans = plans;
		this.views = views;
	}

	@GetMapping("/records/plan/{clientId}")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId, Model model) {
		Shown shown = plans.read(me, clientId);
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", views.name(clientId));
		model.addAttribute("shown", shown);
		model.addAttribute("plan", shown.plan().orElse(null));
		shown.plan().ifPresent(plan -> {
			model.addAttribute("updated", PlanViews.when(plan.updatedAt()));
			model.addAttribute("updatedBy", views.name(plan.updatedBy()));
			model.addAttribute("acknowledgedAt",
					plan.acknowledgedAt() == null ? null : PlanViews.when(plan.acknowledgedAt()));
		});
		model.addAttribute("statusChanges", views.statusChanges(shown.plan(), shown.events()));
		model.addAttribute("history", views.history(shown.events()));
		return "records/plan";
	}

	@GetMapping("/records/plan/{clientId}/edit")
	String edit(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId, Model model) {
		Shown shown = plans.read(me, clientId);
		if (!shown.writer()) {
			throw PlanPages.notFound();
		}
		int version = shown.plan().map(TreatmentPlan::version).orElse(0);
		boolean stale = PlanPages.stale(model);
		// A refused form shows what was typed; after a stale save, against the version
		// saved now, so that saving again is a choice made knowingly.
		PlanDraft draft = model.getAttribute("draft") instanceof PlanDraft typed ? typed
				: shown.plan().map(PlanForm::of).orElseGet(PlanForm::empty);
		model.addAttribute("draft", PlanForm.withSlots(draft, stale ? Integer.valueOf(version) : draft.version()));
		model.addAttribute("stale", stale);
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", views.name(clientId));
		model.addAttribute("isNew", shown.plan().isEmpty());
		model.addAttribute("statuses", PlanStatus.values());
		return "records/plan-edit";
	}

	@PostMapping("/records/plan/{clientId}")
	@OnRefusal(show = "edit")
	String save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestParam Map<String, String> form, Model model) {
		PlanDraft draft = PlanForm.parse(form);
		model.addAttribute("draft", draft);
		plans.save(me, clientId, draft);
		return "redirect:/records/plan/" + clientId + "?saved";
	}

	@PostMapping("/records/plan/{clientId}/acknowledge")
	@OnRefusal(show = "show")
	String acknowledge(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestParam(defaultValue = "") String version) {
		plans.acknowledge(me, clientId, PlanPages.version(version));
		return "redirect:/records/plan/" + clientId + "?acknowledged";
	}

	@PostMapping("/records/plan/{clientId}/review")
	@OnRefusal(show = "show")
	String review(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestParam(defaultValue = "") String nextReviewDate, Model model) {
		model.addAttribute("nextReviewDate", nextReviewDate);
		plans.review(me, clientId, nextReviewDate);
		return "redirect:/records/plan/" + clientId + "?reviewed";
	}

}

package org.haven.records.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.SafetyPlan;
import org.haven.records.internal.SafetyPlans;
import org.haven.records.internal.SafetyPlans.Shown;
import org.haven.records.internal.SafetySection;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A client's safety plan: the page the client opens at any time (from home and from the
 * waiting room) and the form the client and their therapist both edit, one item per line
 * in each section.
 */
@Controller
class SafetyPlanController {

	private final SafetyPlans plans;

	private final PlanViews views;

	SafetyPlanController(SafetyPlans plans, PlanViews views) {
		this.plans = plans;
		this.views = views;
	}

	@GetMapping("/records/safety-plan/{clientId}")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId, Model model) {
		Shown shown = plans.read(me, clientId);
		describe(me, clientId, shown, model);
		return "records/safety-plan";
	}

	@GetMapping("/records/safety-plan/{clientId}/edit")
	String edit(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId, Model model) {
		Shown shown = plans.read(me, clientId);
		if (!shown.editable()) {
			throw PlanPages.notFound();
		}
		describe(me, clientId, shown, model);
		boolean stale = PlanPages.stale(model);
		model.addAttribute("stale", stale);
		if (!model.containsAttribute("typed")) {
			Map<String, String> typed = new LinkedHashMap<>();
			shown.plan().sections().forEach(s -> typed.put(s.key(), String.join("\n", s.items())));
			model.addAttribute("typed", typed);
			model.addAttribute("version", shown.plan().version());
		}
		else if (stale) {
			model.addAttribute("version", shown.plan().version());
		}
		model.addAttribute("sectionKinds", SafetySection.values());
		return "records/safety-plan-edit";
	}

	@PostMapping("/records/safety-plan/{clientId}")
	@OnRefusal(show = "edit")
	String save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestParam Map<String, String> form, Model model) {
		Map<String, String> typed = new LinkedHashMap<>();
		Map<SafetySection, List<String>> items = new LinkedHashMap<>();
		for (SafetySection section : SafetySection.values()) {
			String text = form.getOrDefault(section.key(), "");
			typed.put(section.key(), text);
			items.put(section, Arrays.asList(text.split("\\R")));
		}
		model.addAttribute("typed", typed);
		model.addAttribute("version", form.getOrDefault("version", ""));
		plans.save(me, clientId, PlanPages.version(form.get("version")), items);
		return "redirect:" + PlanPages.safetyPlan(clientId) + "?saved";
	}

	private void describe(CurrentAccount me, UUID clientId, Shown shown, Model model) {
		SafetyPlan plan = shown.plan();
		model.addAttribute("clientId", clientId);
		model.addAttribute("own", me.id().equals(clientId));
		model.addAttribute("clientName", views.name(clientId));
		model.addAttribute("plan", plan);
		model.addAttribute("editable", shown.editable());
		model.addAttribute("updated", plan.updatedAt() == null ? null : PlanViews.when(plan.updatedAt()));
		model.addAttribute("updatedBy", plan.updatedBy() == null ? null : views.name(plan.updatedBy()));
	}

}

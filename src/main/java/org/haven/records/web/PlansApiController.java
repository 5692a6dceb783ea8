package org.haven.records.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.PlanDraft;
import org.haven.records.internal.PlanEvent;
import org.haven.records.internal.SafetyPlan;
import org.haven.records.internal.SafetyPlans;
import org.haven.records.internal.SafetySection;
import org.haven.records.internal.TreatmentPlan;
import org.haven.records.internal.TreatmentPlans;
import org.haven.shared.web.Refusal;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The treatment plan and the safety plan on /api/v1: what their pages read and do. Anyone
 * without a right to the client's record gets 404, whatever they send.
 */
@RestController
@Tag(name = PlansApiController.TAG,
		description = "A client's treatment plan (written by their therapist, acknowledged by the client) and safety plan"
				+ " (written by both).")
class PlansApiController {

	static final String TAG = "Plans";

	private final TreatmentPlans treatment;

	private final SafetyPlans safety;

	PlansApiController(TreatmentPlans treatment, SafetyPlans safety) {
		this.treatment = treatment;
		this.safety = safety;
	}

	@Operation(operationId = "getTreatmentPlan", summary = "Read a client's treatment plan", tags = TAG,
			description = "For the client, a therapist who is or was in care with them, or an admin with break-glass access;"
					+ " every read is audited. 404 when there is no plan yet, as for anyone without a right to it.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/records/plans/{clientId}")
	PlanAnswer getTreatmentPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId) {
		TreatmentPlans.Shown shown = treatment.read(me, clientId);
		TreatmentPlan plan = shown.plan().orElseThrow(PlanPages::notFound);
		return new PlanAnswer(plan, plan.acknowledged(), shown.reviewDue(), shown.writer(), shown.events());
	}

	@Operation(operationId = "saveTreatmentPlan", summary = "Write a client's treatment plan", tags = TAG,
			description = "For the client's therapist in active care. The body replaces the plan: items keep their ids, new"
					+ " items have none, problems, goals and objectives are never removed (set their status to DISCONTINUED)."
					+ " version is the version the change starts from (0 for a new plan); 409 when the plan was saved since."
					+ " A refused field is named by position: p0-text, p0-g1-o2-measure, p0-i1-text.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/plans/{clientId}")
	TreatmentPlan saveTreatmentPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestBody PlanDraft draft) {
		return treatment.save(me, clientId, draft);
	}

	@Operation(operationId = "acknowledgeTreatmentPlan", summary = "Acknowledge one's treatment plan", tags = TAG,
			description = "For the client only: acknowledges the version they read; 409 when the plan changed since.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/plans/{clientId}/acknowledgement")
	TreatmentPlan acknowledgeTreatmentPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestBody Acknowledgement acknowledgement) {
		return treatment.acknowledge(me, clientId, acknowledgement.version());
	}

	@Operation(operationId = "reviewTreatmentPlan", summary = "Mark a treatment plan reviewed", tags = TAG,
			description = "For the client's therapist in active care: the plan was reviewed today, and is next reviewed on"
					+ " nextReviewDate (YYYY-MM-DD, after today).")
	@Refusals({ 400, 404, 415 })
	@PostMapping("/api/v1/records/plans/{clientId}/review")
	TreatmentPlan reviewTreatmentPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestBody Review review) {
		return treatment.review(me, clientId, review.nextReviewDate());
	}

	@Operation(operationId = "getSafetyPlan", summary = "Read a client's safety plan", tags = TAG,
			description = "The Stanley-Brown sections in order, each a list of items; version 0 when nobody wrote one yet. For"
					+ " whoever may read the client's record; every read is audited.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/records/safety-plan/{clientId}")
	SafetyPlanAnswer getSafetyPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId) {
		SafetyPlans.Shown shown = safety.read(me, clientId);
		return new SafetyPlanAnswer(shown.plan(), shown.editable());
	}

	@Operation(operationId = "saveSafetyPlan", summary = "Write a client's safety plan", tags = TAG,
			description = "For the client and their therapist in active care. sections maps a section's key (warningSigns,"
					+ " internalCoping, distraction, help, professionals, safeEnvironment, reasons) to its items; a section left"
					+ " out is emptied. version is the version the change starts from; 409 when someone saved since.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/safety-plan/{clientId}")
	SafetyPlan saveSafetyPlan(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID clientId,
			@RequestBody SafetyPlanChange change) {
		Map<SafetySection, List<String>> items = new LinkedHashMap<>();
		if (change.sections() != null) {
			change.sections()
				.forEach((key, list) -> items.put(
						SafetySection.byKey(key)
							.orElseThrow(() -> Refusal.of("sections", "There is no section called " + key + ".")),
						list == null ? List.of() : list));
		}
		return safety.save(me, clientId, change.version(), items);
	}

	/**
	 * A treatment plan as its reader sees it.
	 *
	 * @param acknowledged whether the client acknowledged this version
	 * @param writer whether the caller may change it
	 * @param history saves, status changes (item, from, to), reviews and
	 * acknowledgements, oldest first
	 */
	record PlanAnswer(TreatmentPlan plan, boolean acknowledged, boolean reviewDue, boolean writer,
			List<PlanEvent> history) {
	}

	/**
	 * @param editable whether the caller may change it
	 */
	record SafetyPlanAnswer(SafetyPlan plan, boolean editable) {
	}

	/**
	 * @param version the version of the plan the client read
	 */
	record Acknowledgement(@Nullable Integer version) {
	}

	/**
	 * @param nextReviewDate YYYY-MM-DD, after today
	 */
	record Review(@Nullable String nextReviewDate) {
	}

	/**
	 * @param version the version the change starts from: 0 for a plan nobody wrote yet
	 * @param sections items by section key
	 */
	record SafetyPlanChange(@Nullable Integer version, @Nullable Map<String, List<String>> sections) {
	}

}

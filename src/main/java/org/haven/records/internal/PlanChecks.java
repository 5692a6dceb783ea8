package org.haven.records.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.records.internal.PlanDraft.GoalDraft;
import org.haven.records.internal.PlanDraft.InterventionDraft;
import org.haven.records.internal.PlanDraft.ObjectiveDraft;
import org.haven.records.internal.PlanDraft.ProblemDraft;
import org.haven.records.internal.TreatmentPlan.PlanGoal;
import org.haven.records.internal.TreatmentPlan.PlanIntervention;
import org.haven.records.internal.TreatmentPlan.PlanObjective;
import org.haven.records.internal.TreatmentPlan.PlanProblem;
import org.haven.shared.web.Refusal;

/**
 * Checks a typed treatment plan against the plan it replaces, collecting every mistake at
 * once (each named by its field: {@code p0-text}, {@code p0-g1-o2-measure},
 * {@code p0-i1-text}...), and finds the status changes it makes. Items of the plan keep
 * their ids; a problem, goal or objective is never removed (it is discontinued), so that
 * its history stays readable.
 */
final class PlanChecks {

	static final int MAX_TEXT = 1000;

	static final int MAX_PROBLEMS = 20;

	static final int MAX_CHILDREN = 10;

	private final Map<String, String> errors = new LinkedHashMap<>();

	private final Map<UUID, PlanStatus> before = new HashMap<>();

	private final Set<UUID> interventionsBefore = new HashSet<>();

	private final Set<UUID> seen = new HashSet<>();

	private final List<Change> changes = new ArrayList<>();

	private PlanChecks(Optional<TreatmentPlan> current) {
		current.ifPresent(plan -> plan.problems().forEach(p -> {
			before.put(p.id(), p.status());
			p.interventions().forEach(i -> interventionsBefore.add(i.id()));
			p.goals().forEach(g -> {
				before.put(g.id(), g.status());
				g.objectives().forEach(o -> before.put(o.id(), o.status()));
			});
		}));
	}

	/** The checked plan, or a refusal naming every mistake. */
	static Checked check(PlanDraft draft, Optional<TreatmentPlan> current, LocalDate today) {
		PlanChecks checks = new PlanChecks(current);
		LocalDate target = checks.date(draft.targetDate(), "targetDate", "the plan's target date");
		LocalDate review = checks.date(draft.reviewDate(), "reviewDate", "the date to review the plan by");
		if (review != null && review.isBefore(today)
				&& current.map(plan -> !plan.reviewDate().equals(review)).orElse(true)) {
			checks.errors.put("reviewDate", "The review date must be today or later.");
		}
		List<PlanProblem> problems = checks.problems(draft.problems());
		if (checks.errors.isEmpty() && !checks.seen.containsAll(checks.before.keySet())) {
			checks.errors.put("plan",
					"A problem, goal or objective cannot be removed: set its status to Discontinued.");
		}
		if (!checks.errors.isEmpty()) {
			throw Refusal.of(checks.errors);
		}
		return new Checked(target, review, problems, checks.changes);
	}

	private List<PlanProblem> problems(List<ProblemDraft> drafts) {
		List<PlanProblem> problems = new ArrayList<>();
		for (int n = 0; n < drafts.size(); n++) {
			ProblemDraft draft = drafts.get(n);
			String key = "p" + n;
			if (draft.blank()) {
				continue;
			}
			if (problems.size() == MAX_PROBLEMS) {
				errors.putIfAbsent(key + "-text", "A plan may have at most " + MAX_PROBLEMS + " problems.");
				break;
			}
			UUID id = id(draft.id(), key, "Problem");
			String text = text(draft.text(), key + "-text", "Write the problem.");
			PlanStatus status = status(id, draft.status(), key, "Problem");
			List<PlanGoal> goals = new ArrayList<>();
			for (int g = 0; g < draft.goals().size(); g++) {
				goal(draft.goals().get(g), key + "-g" + g, goals);
			}
			List<PlanIntervention> interventions = new ArrayList<>();
			for (int i = 0; i < draft.interventions().size(); i++) {
				intervention(draft.interventions().get(i), key + "-i" + i, interventions);
			}
			problems.add(new PlanProblem(id, text, status, goals, interventions));
		}
		if (problems.isEmpty()) {
			errors.putIfAbsent("p0-text", "Write at least one problem the plan works on.");
		}
		return problems;
	}

	private void goal(GoalDraft draft, String key, List<PlanGoal> goals) {
		if (draft.blank()) {
			return;
		}
		if (full(goals, key, "goals for a problem")) {
			return;
		}
		UUID id = id(draft.id(), key, "Goal");
		String text = text(draft.text(), key + "-text", "Write the goal.");
		PlanStatus status = status(id, draft.status(), key, "Goal");
		List<PlanObjective> objectives = new ArrayList<>();
		for (int o = 0; o < draft.objectives().size(); o++) {
			ObjectiveDraft objective = draft.objectives().get(o);
			String okey = key + "-o" + o;
			if (objective.blank() || full(objectives, okey, "objectives for a goal")) {
				continue;
			}
			UUID oid = id(objective.id(), okey, "Objective");
			objectives.add(new PlanObjective(oid, text(objective.text(), okey + "-text", "Write the objective."),
					text(objective.measure(), okey + "-measure", "Say how this objective is measured."),
					date(objective.targetDate(), okey + "-target", "the objective's target date"),
					status(oid, objective.status(), okey, "Objective")));
		}
		goals.add(new PlanGoal(id, text, status, objectives));
	}

	private void intervention(InterventionDraft draft, String key, List<PlanIntervention> interventions) {
		boolean known = !draft.id().isBlank();
		if (draft.text().isBlank() || full(interventions, key, "interventions for a problem")) {
			// An intervention of the plan typed blank is taken out of it.
			if (known) {
				id(draft.id(), key, "Intervention");
			}
			return;
		}
		interventions.add(new PlanIntervention(id(draft.id(), key, "Intervention"),
				text(draft.text(), key + "-text", "Write the intervention.")));
	}

	private boolean full(List<?> items, String key, String what) {
		if (items.size() < MAX_CHILDREN) {
			return false;
		}
		errors.putIfAbsent(key + "-text", "At most " + MAX_CHILDREN + " " + what + ".");
		return true;
	}

	private UUID id(String raw, String key, String kind) {
		if (raw.isBlank()) {
			return UUID.randomUUID();
		}
		try {
			UUID id = UUID.fromString(raw.strip());
			boolean known = kind.equals("Intervention") ? interventionsBefore.contains(id) : before.containsKey(id);
			if (known && seen.add(id)) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// Refused below, as any id that is not the plan's.
		}
		errors.putIfAbsent(key + "-text",
				"This item is not part of the plan (any more): open the plan again and redo the change.");
		return UUID.randomUUID();
	}

	private String text(String typed, String field, String missing) {
		String text = typed.strip();
		if (text.isEmpty()) {
			errors.putIfAbsent(field, missing);
		}
		else if (text.length() > MAX_TEXT) {
			errors.putIfAbsent(field, "Keep this to 1,000 characters; it has " + text.length() + ".");
		}
		return text;
	}

	private PlanStatus status(UUID id, String typed, String key, String kind) {
		PlanStatus was = before.get(id);
		if (typed.isBlank() && was == null) {
			return PlanStatus.ACTIVE;
		}
		Optional<PlanStatus> status = PlanStatus.parse(typed.strip());
		if (status.isEmpty()) {
			errors.putIfAbsent(key + "-status", "Choose Active, Achieved, Revised or Discontinued.");
			return PlanStatus.ACTIVE;
		}
		if (was != null && was != status.get()) {
			changes.add(new Change(id, kind, was, status.get()));
		}
		return status.get();
	}

	private LocalDate date(String typed, String field, String what) {
		if (typed.isBlank()) {
			errors.putIfAbsent(field, "Enter " + what + ".");
			return null;
		}
		try {
			return LocalDate.parse(typed.strip());
		}
		catch (DateTimeParseException ex) {
			errors.putIfAbsent(field, "Enter " + what + " as a date, like 2027-03-31.");
			return null;
		}
	}

	/** A plan that passed its checks, with the status changes it makes. */
	record Checked(LocalDate targetDate, LocalDate reviewDate, List<PlanProblem> problems, List<Change> changes) {
	}

	/** One item's status changed. */
	record Change(UUID itemId, String kind, PlanStatus from, PlanStatus to) {
	}

}

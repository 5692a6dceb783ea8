package org.haven.records.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.haven.records.internal.PlanDraft;
import org.haven.records.internal.PlanDraft.GoalDraft;
import org.haven.records.internal.PlanDraft.InterventionDraft;
import org.haven.records.internal.PlanDraft.ObjectiveDraft;
import org.haven.records.internal.PlanDraft.ProblemDraft;
import org.haven.records.internal.TreatmentPlan;

/**
 * The treatment plan's form: its fields are named by position ({@code p0-text},
 * {@code p0-g1-o2-measure}, {@code p0-i1-text}), so that the page works without scripts.
 * Each list ends in one blank slot, the way to add a problem, goal, objective or
 * intervention; blank slots are ignored when saved.
 */
final class PlanForm {

	/** More rows than any plan may have, so that a crafted form cannot loop for long. */
	private static final int MAX_ROWS = 40;

	private PlanForm() {
	}

	/** The plan as the form posted it, blank slots included. */
	static PlanDraft parse(Map<String, String> form) {
		return new PlanDraft(PlanPages.version(form.get("version")), form.get("targetDate"), form.get("reviewDate"),
				rows(form, "p", p -> new ProblemDraft(form.get(p + "-id"), form.get(p + "-text"),
						form.get(p + "-status"),
						rows(form, p + "-g", g -> new GoalDraft(form.get(g + "-id"), form.get(g + "-text"),
								form.get(g + "-status"),
								rows(form, g + "-o", o -> new ObjectiveDraft(form.get(o + "-id"), form.get(o + "-text"),
										form.get(o + "-measure"), form.get(o + "-target"), form.get(o + "-status"))))),
						rows(form, p + "-i", i -> new InterventionDraft(form.get(i + "-id"), form.get(i + "-text"))))));
	}

	private static <T> List<T> rows(Map<String, String> form, String prefix, Function<String, T> row) {
		List<T> rows = new ArrayList<>();
		for (int n = 0; n < MAX_ROWS; n++) {
			String key = prefix + n;
			if (form.keySet().stream().noneMatch(name -> name.startsWith(key + "-"))) {
				break;
			}
			rows.add(row.apply(key));
		}
		return rows;
	}

	/** The saved plan as the form shows it. */
	static PlanDraft of(TreatmentPlan plan) {
		return new PlanDraft(plan.version(), plan.targetDate().toString(), plan.reviewDate().toString(),
				plan.problems()
					.stream()
					.map(p -> new ProblemDraft(p.id().toString(), p.text(), p.status().name(), p.goals()
						.stream()
						.map(g -> new GoalDraft(g.id().toString(), g.text(), g.status().name(),
								g.objectives()
									.stream()
									.map(o -> new ObjectiveDraft(o.id().toString(), o.text(), o.measure(),
											o.targetDate().toString(), o.status().name()))
									.toList()))
						.toList(),
							p.interventions()
								.stream()
								.map(i -> new InterventionDraft(i.id().toString(), i.text()))
								.toList()))
					.toList());
	}

	/** A new plan's empty form. */
	static PlanDraft empty() {
		return new PlanDraft(0, "", "", List.of());
	}

	/** The draft with one blank slot at the end of every list, with {@code version}. */
	static PlanDraft withSlots(PlanDraft draft, Integer version) {
		List<ProblemDraft> problems = new ArrayList<>(draft.problems()
			.stream()
			.map(p -> new ProblemDraft(p.id(), p.text(), p.status(),
					slotted(p.goals()
						.stream()
						.map(g -> new GoalDraft(g.id(), g.text(), g.status(),
								slotted(g.objectives(), n -> new ObjectiveDraft(null, null, null, null, null))))
						.toList(), n -> blankGoal()),
					slotted(p.interventions(), n -> new InterventionDraft(null, null))))
			.toList());
		return new PlanDraft(version, draft.targetDate(), draft.reviewDate(),
				slotted(problems, n -> new ProblemDraft(null, null, null, List.of(blankGoal()),
						List.of(new InterventionDraft(null, null)))));
	}

	private static GoalDraft blankGoal() {
		return new GoalDraft(null, null, null, List.of(new ObjectiveDraft(null, null, null, null, null)));
	}

	private static <T> List<T> slotted(List<T> items, IntFunction<T> blank) {
		List<T> slotted = new ArrayList<>(items);
		if (slotted.isEmpty() || !isBlank(slotted.get(slotted.size() - 1))) {
			slotted.add(blank.apply(slotted.size()));
		}
		return slotted;
	}

	private static boolean isBlank(Object item) {
		if (item instanceof ProblemDraft p) {
			return p.id().isBlank() && p.text().isBlank();
		}
		if (item instanceof GoalDraft g) {
			return g.id().isBlank() && g.text().isBlank();
		}
		if (item instanceof ObjectiveDraft o) {
			return o.id().isBlank() && o.text().isBlank() && o.measure().isBlank();
		}
		return item instanceof InterventionDraft i && i.id().isBlank() && i.text().isBlank();
	}

}

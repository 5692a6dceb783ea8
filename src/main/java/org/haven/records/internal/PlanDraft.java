package org.haven.records.internal;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A treatment plan as typed, before it is checked: every value a string, so that a
 * refused form shows exactly what was typed. An item with an id is one of the plan's
 * (from the page or an earlier read); an item without one is new. Blank new items are
 * ignored.
 *
 * @param version the version the writer started from: 0 for a new plan
 */
public record PlanDraft(@Nullable Integer version, @Nullable String targetDate, @Nullable String reviewDate,
		@Nullable List<ProblemDraft> problems) {

	public PlanDraft {
		targetDate = orBlank(targetDate);
		reviewDate = orBlank(reviewDate);
		problems = list(problems);
	}

	static String orBlank(@Nullable String value) {
		return value == null ? "" : value;
	}

	static <T> List<T> list(@Nullable List<T> items) {
		return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
	}

	/** A problem as typed. */
	public record ProblemDraft(@Nullable String id, @Nullable String text, @Nullable String status,
			@Nullable List<GoalDraft> goals, @Nullable List<InterventionDraft> interventions) {

		public ProblemDraft {
			id = orBlank(id);
			text = orBlank(text);
			status = orBlank(status);
			goals = list(goals);
			interventions = list(interventions);
		}

		boolean blank() {
			return id.isBlank() && text.isBlank() && goals.stream().allMatch(GoalDraft::blank)
					&& interventions.stream().allMatch(InterventionDraft::blank);
		}

	}

	/** A goal as typed. */
	public record GoalDraft(@Nullable String id, @Nullable String text, @Nullable String status,
			@Nullable List<ObjectiveDraft> objectives) {

		public GoalDraft {
			id = orBlank(id);
			text = orBlank(text);
			status = orBlank(status);
			objectives = list(objectives);
		}

		boolean blank() {
			return id.isBlank() && text.isBlank() && objectives.stream().allMatch(ObjectiveDraft::blank);
		}

	}

	/** An objective as typed; its target date as YYYY-MM-DD. */
	public record ObjectiveDraft(@Nullable String id, @Nullable String text, @Nullable String measure,
			@Nullable String targetDate, @Nullable String status) {

		public ObjectiveDraft {
			id = orBlank(id);
			text = orBlank(text);
			measure = orBlank(measure);
			targetDate = orBlank(targetDate);
			status = orBlank(status);
		}

		boolean blank() {
			return id.isBlank() && text.isBlank() && measure.isBlank() && targetDate.isBlank();
		}

	}

	/** An intervention as typed; an intervention of the plan typed blank is removed. */
	public record InterventionDraft(@Nullable String id, @Nullable String text) {

		public InterventionDraft {
			id = orBlank(id);
			text = orBlank(text);
		}

		boolean blank() {
			return id.isBlank() && text.isBlank();
		}

	}

}

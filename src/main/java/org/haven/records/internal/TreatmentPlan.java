package org.haven.records.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A client's current treatment plan: the problems it works on, each with its goals (each
 * with measurable objectives) and its interventions, a target date and a date to review
 * it by. {@code version} counts the saves; the client acknowledges one version.
 *
 * @param acknowledgedVersion the version the client last acknowledged, if any
 */
public record TreatmentPlan(UUID clientId, int version, LocalDate targetDate, LocalDate reviewDate,
		List<PlanProblem> problems, Instant updatedAt, UUID updatedBy, @Nullable Integer acknowledgedVersion,
		@Nullable Instant acknowledgedAt, @Nullable Instant reviewedAt) {

	/** Whether the client acknowledged this very version. */
	public boolean acknowledged() {
		return acknowledgedVersion != null && acknowledgedVersion == version;
	}

	/** Whether the review date has passed. */
	public boolean reviewDue(LocalDate today) {
		return reviewDate.isBefore(today);
	}

	/** A problem the plan works on, with its goals and the interventions for it. */
	public record PlanProblem(UUID id, String text, PlanStatus status, List<PlanGoal> goals,
			List<PlanIntervention> interventions) {
	}

	/** A goal for a problem, reached through its objectives. */
	public record PlanGoal(UUID id, String text, PlanStatus status, List<PlanObjective> objectives) {
	}

	/** A measurable step towards a goal: what, how it is measured, and by when. */
	public record PlanObjective(UUID id, String text, String measure, LocalDate targetDate, PlanStatus status) {
	}

	/** What the therapist does for a problem. */
	public record PlanIntervention(UUID id, String text) {
	}

}

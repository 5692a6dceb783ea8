package org.haven.records.internal;

import java.util.Date;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The treatment plan as a CarePlan: each goal a Goal (its measurable objectives as its
 * targets), each intervention an activity, each problem named in the plan's description.
 * The safety plan stays in Haven: it is the client's own crisis card, not a care plan of
 * the record.
 */
@Component
@Order(400)
class PlansFhir implements FhirSource {

	private final TreatmentPlans plans;

	PlansFhir(TreatmentPlans plans) {
		this.plans = plans;
	}

	@Override
	public void addTo(ExportedRecord record) {
		plans.current(record.reader().clientId()).ifPresent(plan -> {
			CarePlan carePlan = new CarePlan();
			carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
			carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
			carePlan.setTitle("Treatment plan");
			carePlan.setSubject(record.patient());
			carePlan.setCreated(Date.from(plan.updatedAt()));
			carePlan.setPeriod(new Period().setEnd(date(plan.targetDate())));
			StringBuilder problems = new StringBuilder("Problems: ");
			for (TreatmentPlan.PlanProblem problem : plan.problems()) {
				problems.append(problem.text()).append(" (").append(problem.status().label()).append("). ");
				for (TreatmentPlan.PlanGoal goal : problem.goals()) {
					carePlan.addGoal(goal(record, goal));
				}
				for (TreatmentPlan.PlanIntervention intervention : problem.interventions()) {
					carePlan.addActivity()
						.getDetail()
						.setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
						.setDescription(intervention.text());
				}
			}
			carePlan.setDescription(problems.toString().strip());
			record.add(carePlan);
		});
	}

	private static Reference goal(ExportedRecord record, TreatmentPlan.PlanGoal planGoal) {
		Goal goal = new Goal();
		goal.setLifecycleStatus(planGoal.status() == PlanStatus.DISCONTINUED ? Goal.GoalLifecycleStatus.CANCELLED
				: planGoal.status() == PlanStatus.ACHIEVED ? Goal.GoalLifecycleStatus.COMPLETED
						: Goal.GoalLifecycleStatus.ACTIVE);
		goal.setDescription(new CodeableConcept().setText(planGoal.text()));
		goal.setSubject(record.patient());
		for (TreatmentPlan.PlanObjective objective : planGoal.objectives()) {
			Goal.GoalTargetComponent target = goal.addTarget();
			target.setMeasure(new CodeableConcept().setText(objective.text() + ": " + objective.measure()));
			if (objective.targetDate() != null) {
				target.setDue(new DateType(date(objective.targetDate())));
			}
		}
		return record.add(goal);
	}

	private static Date date(LocalDate day) {
		return day == null ? null : Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}

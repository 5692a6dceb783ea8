package org.haven.records.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.records.internal.TreatmentPlans;
import org.springframework.stereotype.Component;

/**
 * A therapist's home lists the treatment plans whose review date has passed (client names
 * and dates, nothing of the plans) until each is marked reviewed.
 */
@Component
class PlanReviewPanel implements HomePanel {

	private final TreatmentPlans plans;

	private final PlanViews views;

	PlanReviewPanel(TreatmentPlans plans, PlanViews views) {
		this.plans = plans;
		this.views = views;
	}

	@Override
	public int order() {
		return 26;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() != Role.THERAPIST) {
			return Optional.empty();
		}
		List<Due> due = plans.reviewsDue(account.id())
			.stream()
			.map(d -> new Due(d.clientId(), views.name(d.clientId()), d.reviewDate().toString()))
			.toList();
		return due.isEmpty() ? Optional.empty()
				: Optional.of(new Panel("records/panels", "plansToReview", Map.of("due", due)));
	}

	record Due(UUID clientId, String clientName, String reviewDate) {
	}

}

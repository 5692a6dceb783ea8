package org.haven.records.web;

import java.util.Map;
import java.util.Optional;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.records.internal.TreatmentPlans;
import org.springframework.stereotype.Component;

/**
 * A client's home links to their safety plan, always there for a hard moment, and to
 * their treatment plan once there is one, saying when it waits for their acknowledgement.
 */
@Component
class ClientPlansPanel implements HomePanel {

	private final TreatmentPlans plans;

	ClientPlansPanel(TreatmentPlans plans) {
		this.plans = plans;
	}

	@Override
	public int order() {
		return 15;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() != Role.CLIENT) {
			return Optional.empty();
		}
		Optional<Boolean> acknowledged = plans.acknowledgedBy(account.id());
		return Optional.of(new Panel("records/panels", "clientPlans",
				Map.of("safetyPlan", PlanPages.safetyPlan(account.id()), "treatmentPlan",
						PlanPages.treatmentPlan(account.id()), "hasPlan", acknowledged.isPresent(), "toAcknowledge",
						acknowledged.map(a -> !a).orElse(false))));
	}

}

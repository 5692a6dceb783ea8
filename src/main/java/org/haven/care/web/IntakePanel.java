package org.haven.care.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.haven.care.internal.Intake;
import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * A therapist's home page lists the intake requests waiting for their answer (names and
 * dates, never the reason).
 */
@Component
class IntakePanel implements HomePanel {

	private final Intake intake;

	IntakePanel(Intake intake) {
		this.intake = intake;
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() != Role.THERAPIST) {
			return Optional.empty();
		}
		List<Intake.Summary> pending = intake.pendingFor(account.id());
		return Optional.of(new Panel("care/panels", "pendingIntake", Map.of("requests", pending)));
	}

}

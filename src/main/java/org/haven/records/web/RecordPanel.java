package org.haven.records.web;

import java.util.Map;
import java.util.Optional;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.records.internal.IntakeQuestionnaire;
import org.springframework.stereotype.Component;

/**
 * A client's home page links to their record, and asks them to fill in the intake
 * questionnaire until they have sent it (no answers are read for this).
 */
@Component
class RecordPanel implements HomePanel {

	private final IntakeQuestionnaire intake;

	RecordPanel(IntakeQuestionnaire intake) {
		this.intake = intake;
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
		Optional<IntakeQuestionnaire.Status> status = intake.progress(account.id())
			.map(IntakeQuestionnaire.Progress::status);
		boolean started = status.isPresent();
		boolean sent = status.filter(s -> s != IntakeQuestionnaire.Status.DRAFT).isPresent();
		return Optional.of(new Panel("records/panels", "record",
				Map.of("clientId", account.id(), "intakeSent", sent, "intakeStarted", started)));
	}

}

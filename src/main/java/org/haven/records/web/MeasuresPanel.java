package org.haven.records.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.records.internal.Assignments;
import org.haven.records.internal.Assignments.Due;
import org.springframework.stereotype.Component;

/**
 * A client's home page lists the questionnaires their therapist asks them to fill in now.
 */
@Component
class MeasuresPanel implements HomePanel {

	private final Assignments assignments;

	private final MeasurePages pages;

	MeasuresPanel(Assignments assignments, MeasurePages pages) {
		this.assignments = assignments;
		this.pages = pages;
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
		List<Due> due = assignments.due(account.id());
		return due.isEmpty() ? Optional.empty()
				: Optional.of(new Panel("records/measures/panels", "due", Map.of("due", pages.dueItems(due))));
	}

}

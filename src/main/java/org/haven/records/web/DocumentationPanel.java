package org.haven.records.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.haven.records.internal.DocumentationStatus;
import org.springframework.stereotype.Component;

/**
 * A therapist's home page lists their oldest sessions still without a signed note (names
 * and dates, never a word of a note), with the way to the whole list.
 */
@Component
class DocumentationPanel implements HomePanel {

	private final DocumentationStatus status;

	private final NoteViews views;

	DocumentationPanel(DocumentationStatus status, NoteViews views) {
		this.status = status;
		this.views = views;
	}

	/** How many sessions the panel lists before the link to the whole list. */
	static final int SHOWN = 5;

	@Override
	public int order() {
		return 25;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() != Role.THERAPIST) {
			return Optional.empty();
		}
		List<DocumentationStatus.Undocumented> undocumented = status.undocumented(account.id());
		return Optional.of(new Panel("records/panels", "undocumented", Map.of("sessions",
				views.sessions(undocumented.stream().limit(SHOWN).toList()), "total", undocumented.size())));
	}

}

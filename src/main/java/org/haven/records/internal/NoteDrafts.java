package org.haven.records.internal;

import org.haven.visits.VisitEnded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens the note's draft when a visit ends, after the visit's transaction committed, in a
 * transaction of its own. The event says which session; the draft is built from what the
 * session is now, and a repeated event finds the draft it opened before.
 */
@Component
class NoteDrafts {

	private final SessionNotes notes;

	NoteDrafts(SessionNotes notes) {
		this.notes = notes;
	}

	@ApplicationModuleListener
	void on(VisitEnded ended) {
		notes.openAfterVisit(ended.appointmentId(), ended.durationSeconds());
	}

}

package org.haven.records.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Notes on the client's chart timeline: for the therapist who wrote them, their drafts,
 * signed notes and psychotherapy notes; for everyone else who may read the chart, signed
 * progress notes only.
 */
@Component
class NoteTimeline implements TimelineSource {

	private final NoteStore store;

	private final PsychotherapyNotes psychotherapy;

	NoteTimeline(NoteStore store, PsychotherapyNotes psychotherapy) {
		this.store = store;
		this.psychotherapy = psychotherapy;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		List<TimelineEntry> entries = new ArrayList<>();
		for (NoteStore.Line note : store.ofClient(reader.clientId())) {
			boolean author = reader.isTherapist() && reader.accountId().equals(note.therapistId());
			if (note.signedAt() != null) {
				entries.add(new TimelineEntry(note.signedAt(), "note", "Progress note signed",
						"/records/notes/" + note.id()));
			}
			else if (author) {
				entries.add(new TimelineEntry(note.updatedAt(), "note", "Draft note", "/records/notes/" + note.id()));
			}
		}
		if (reader.isTherapist()) {
			psychotherapy.ofClient(reader.accountId(), reader.clientId())
				.forEach(p -> entries.add(new TimelineEntry(p.createdAt(), "note", "Psychotherapy note",
						"/records/notes/psychotherapy/" + p.id())));
		}
		return entries;
	}

}

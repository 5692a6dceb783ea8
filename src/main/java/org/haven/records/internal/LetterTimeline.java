package org.haven.records.internal;

import java.util.List;

import org.haven.messaging.Conversations;
import org.haven.messaging.Conversations.LetterThread;
import org.springframework.stereotype.Component;

/**
 * Letters on the chart, by subject only (never their text). A therapist sees the letters
 * of their own conversation with the client; the client and an admin through break-glass
 * see them all. Only the conversation's two parties get a link to the thread.
 */
@Component
class LetterTimeline implements TimelineSource {

	private final Conversations conversations;

	LetterTimeline(Conversations conversations) {
		this.conversations = conversations;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		return conversations.letterThreads(reader.clientId())
			.stream()
			.filter(t -> !reader.isTherapist() || t.therapistId().equals(reader.accountId()))
			.map(t -> new TimelineEntry(t.startedAt(), "letter", "Letter: " + t.subject(),
					party(reader, t) ? "/messages/" + t.conversationId() + "/letters/" + t.id() : null))
			.toList();
	}

	private static boolean party(ChartAccess.Reader reader, LetterThread thread) {
		return reader.isClient() || thread.therapistId().equals(reader.accountId());
	}

}

package org.haven.records.internal;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Completed measures on the client's chart timeline: the score and band for their
 * therapist, and for the client once their therapist shares their progress (else only
 * that they completed it).
 */
@Component
class MeasuresTimeline implements TimelineSource {

	private final Results results;

	MeasuresTimeline(Results results) {
		this.results = results;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		boolean scores = !reader.isClient() || results.shared(reader.clientId());
		return results.list(reader.clientId()).stream().map(score -> {
			String title = score.instrument().label() + " completed"
					+ (scores ? ": " + score.total() + ", " + score.band().label() : "");
			String href = reader.isClient() ? "/records/measures/clients/" + reader.clientId()
					: "/records/measures/responses/" + score.id();
			return new TimelineEntry(score.completedAt(), "measure", title, href);
		}).toList();
	}

}

package org.haven.records.internal;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The plans on the client's chart: every save, status change, review and acknowledgement
 * of the treatment plan (kind {@code plan}) and every save of the safety plan (kind
 * {@code safety}). The lines say what happened, never what the plans say.
 */
@Component
class PlanTimeline implements TimelineSource {

	private final PlanEvents events;

	PlanTimeline(PlanEvents events) {
		this.events = events;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		String client = reader.clientId().toString();
		return Stream
			.concat(events.of(reader.clientId(), PlanEvents.TREATMENT)
				.stream()
				.map(e -> new TimelineEntry(e.at(), "plan", "Treatment plan: " + e.words(), "/records/plan/" + client)),
					events.of(reader.clientId(), PlanEvents.SAFETY)
						.stream()
						.map(e -> new TimelineEntry(e.at(), "safety", "Safety plan: " + e.words(),
								"/records/safety-plan/" + client)))
			.toList();
	}

}

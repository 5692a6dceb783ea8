package org.haven.records.internal;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Emergency accesses on the chart, with the admin's stated reason, for the client's
 * therapist and for admins reading through break-glass, so that the treating therapist
 * sees in Haven who opened the record and why (the mail telling them carries no reason).
 */
@Component
class BreakGlassTimeline implements TimelineSource {

	private final BreakGlass breakGlass;

	BreakGlassTimeline(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@Override
	public List<TimelineEntry> entries(ChartAccess.Reader reader) {
		if (reader.isClient()) {
			return List.of();
		}
		return breakGlass.grantsFor(reader.clientId())
			.stream()
			.map(g -> new TimelineEntry(g.grantedAt(), "access",
					"Emergency access by " + g.adminName() + ". Reason: " + g.reason(), null))
			.toList();
	}

}

package org.haven.records.internal;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to a client's plan: who did it and when, and for a status
 * change which item (by id) and the statuses from and to.
 *
 * @param plan {@code TREATMENT} or {@code SAFETY}
 * @param what {@code SAVED}, {@code STATUS}, {@code REVIEWED} or {@code ACKNOWLEDGED}
 * @param version the plan's version it happened to
 */
public record PlanEvent(Instant at, String plan, String what, UUID actorId, int version, @Nullable UUID itemId,
		@Nullable String itemKind, @Nullable PlanStatus from, @Nullable PlanStatus to) {

	/** What happened, in words, without any words of the plan itself. */
	public String words() {
		return switch (what) {
			case "SAVED" -> (version == 1 ? "Written" : "Changed") + " (version " + version + ")";
			case "STATUS" -> itemKind + " changed from " + from.label() + " to " + to.label();
			case "REVIEWED" -> "Reviewed";
			case "ACKNOWLEDGED" -> "Acknowledged by the client (version " + version + ")";
			default -> what;
		};
	}

}

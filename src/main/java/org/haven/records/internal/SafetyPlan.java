package org.haven.records.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A client's safety plan: the Stanley-Brown sections in order, each a list of items.
 * Version 0 is the empty plan nobody saved yet.
 *
 * @param updatedBy who saved it last: the client or their therapist
 */
public record SafetyPlan(UUID clientId, int version, List<SafetyPlanSection> sections, @Nullable Instant updatedAt,
		@Nullable UUID updatedBy) {

	/** Whether nothing has been written in it. */
	public boolean empty() {
		return sections.stream().allMatch(s -> s.items().isEmpty());
	}

	/** One step of the plan and what the client wrote in it. */
	public record SafetyPlanSection(String key, String title, List<String> items) {
	}

}

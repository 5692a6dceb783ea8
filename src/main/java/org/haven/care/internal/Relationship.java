package org.haven.care.internal;

import java.time.Instant;
import java.util.UUID;

public record Relationship(UUID id, UUID clientId, UUID therapistId, Instant startedAt, Instant endedAt) {

	public boolean active() {
		return endedAt == null;
	}
}

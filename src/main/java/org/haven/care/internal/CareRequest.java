package org.haven.care.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An intake request as its two parties see it (decrypted). */
public record CareRequest(UUID id, UUID clientId, UUID therapistId, String reason, List<String> preferredModalities,
		String jurisdiction, String location, String emergencyContact, Status status, String therapistMessage,
		Instant createdAt, Instant decidedAt) {

	public enum Status {

		PENDING, ACCEPTED, DECLINED, WITHDRAWN

	}

	public boolean pending() {
		return status == Status.PENDING;
	}
}

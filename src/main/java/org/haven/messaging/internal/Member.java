package org.haven.messaging.internal;

import java.util.UUID;

/** An account seen as one of a conversation's two parties. */
public record Member(UUID conversationId, UUID accountId, UUID clientId, UUID therapistId, boolean open) {

	public boolean isClient() {
		return accountId.equals(clientId);
	}

	public UUID peerId() {
		return isClient() ? therapistId : clientId;
	}

	/** "client" or "therapist", as frames and pages name the parties. */
	public String role() {
		return isClient() ? "client" : "therapist";
	}

	public String peerRole() {
		return isClient() ? "therapist" : "client";
	}
}

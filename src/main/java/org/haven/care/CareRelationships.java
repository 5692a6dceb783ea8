package org.haven.care;

import java.util.Optional;
import java.util.UUID;

/** The question every clinical module asks: may this person act for this client? */
public interface CareRelationships {

	/** The active relationship between a client and a therapist, if there is one. */
	Optional<UUID> active(UUID clientId, UUID therapistId);

	/** Whether {@code accountId} is the client, or the therapist of an active relationship with the client. */
	boolean mayAct(UUID accountId, UUID clientId);

	/** The clients a therapist is in active care with, longest first. */
	java.util.List<UUID> activeClientsOf(UUID therapistId);
}

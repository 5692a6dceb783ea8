package org.haven.care;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The question every clinical module asks: may this person act for this client? */
public interface CareRelationships {

	/** The active relationship between a client and a therapist, if there is one. */
	Optional<UUID> active(UUID clientId, UUID therapistId);

	/**
	 * Whether {@code accountId} is the client, or the therapist of an active relationship
	 * with the client.
	 */
	boolean mayAct(UUID accountId, UUID clientId);

	/** The clients a therapist is in active care with, longest first. */
	List<UUID> activeClientsOf(UUID therapistId);

	/**
	 * Every relationship the account is a party to, ended ones included, active first
	 * then newest.
	 */
	List<Party> partiesOf(UUID accountId);

	/**
	 * One relationship, if {@code accountId} is its client or its therapist; empty
	 * otherwise (and for unknown ids).
	 */
	Optional<Party> partyOf(UUID accountId, UUID relationshipId);

	/**
	 * A relationship as other modules see it: who its two parties are and whether it is
	 * still active.
	 */
	record Party(UUID relationshipId, UUID clientId, UUID therapistId, boolean active) {

		public boolean isClient(UUID accountId) {
			return clientId.equals(accountId);
		}

		/** The other party, seen from {@code accountId}. */
		public UUID other(UUID accountId) {
			return isClient(accountId) ? therapistId : clientId;
		}
	}

}

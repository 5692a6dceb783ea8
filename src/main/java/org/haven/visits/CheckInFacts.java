package org.haven.visits;

import java.util.Optional;
import java.util.UUID;

/**
 * What other modules may learn of a client's session check-ins: where the client said
 * they were, for the record of that session, and the jurisdiction they were last in, for
 * the crisis lines to show them.
 */
public interface CheckInFacts {

	/**
	 * The jurisdiction (e.g. {@code US-CA}) of the client's latest check-in, if they ever
	 * checked in. A code, not the client's words, so reading it is not audited.
	 */
	Optional<String> lastJurisdiction(UUID clientId);

	/**
	 * The location the client gave at their latest check-in for this session, read by
	 * {@code readerId} (audited).
	 */
	Optional<String> locationAt(UUID appointmentId, UUID readerId);

}

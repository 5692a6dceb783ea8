package org.haven.care;

import java.util.Optional;
import java.util.UUID;

/** What other modules may learn of a client's requests for care. */
public interface IntakeFacts {

	/**
	 * The jurisdiction (e.g. {@code GB}) a client gave as where they live in their latest
	 * request for care. A code, not the client's words, so reading it is not audited.
	 */
	Optional<String> jurisdictionOf(UUID clientId);

}

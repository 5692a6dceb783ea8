package org.haven.visits;

import java.util.Optional;
import java.util.UUID;

import org.haven.identity.CurrentAccount;

/**
 * A step offered once a session ends, contributed by a module above visits (records: the
 * client's questionnaire results). Visits renders the "What's next" panel without knowing
 * those modules; each decides whether the reader may see what it links to.
 */
public interface SessionFollowUps {

	/**
	 * The step for this reader after a session with this client, or empty when there is
	 * nothing they may see.
	 */
	Optional<FollowUp> after(CurrentAccount reader, UUID clientId);

	/**
	 * @param label the link's text
	 * @param href a path inside Haven, with ids only: never health data
	 */
	record FollowUp(String label, String href) {
	}

}

package org.haven.care;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Whether a client has consented to the current version of the practice's telehealth
 * consent.
 */
public interface TelehealthConsent {

	boolean hasCurrentConsent(UUID clientId);

	/**
	 * The client's signatures of the consent, one per version they signed, oldest first.
	 */
	List<Signature> signaturesOf(UUID clientId);

	/**
	 * @param sha256 of the text the client signed, as published
	 */
	record Signature(int version, String title, String sha256, Instant signedAt) {
	}

}

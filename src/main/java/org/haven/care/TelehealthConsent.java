package org.haven.care;

import java.util.UUID;

/**
 * Whether a client has consented to the current version of the practice's telehealth
 * consent.
 */
public interface TelehealthConsent {

	boolean hasCurrentConsent(UUID clientId);

}

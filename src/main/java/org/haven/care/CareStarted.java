package org.haven.care;

import java.util.UUID;

/** A therapist accepted a client: a care relationship exists. Ids only. */
public record CareStarted(UUID relationshipId, UUID clientId, UUID therapistId) {
}

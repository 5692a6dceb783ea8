package org.haven.care;

import java.util.UUID;

/** A care relationship ended; its records stay, new communication stops. Ids only. */
public record CareEnded(UUID relationshipId, UUID clientId, UUID therapistId) {
}

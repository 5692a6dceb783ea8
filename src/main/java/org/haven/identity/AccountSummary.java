package org.haven.identity;

import java.util.UUID;

/** What other modules may know about an account. */
public record AccountSummary(UUID id, String displayName, Role role, boolean active) {
}

package org.haven.identity;

import java.util.UUID;

/** An account exists (self-registered, invited or seeded). Carries ids only. */
public record AccountCreated(UUID accountId, Role role) {
}

package org.haven.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in account as kept in the HTTP session. Its name is the account id, so
 * sessions are indexed by id (for "sign out everywhere") and never by email.
 */
public record CurrentAccount(UUID id, String email, Role role) implements AuthenticatedPrincipal, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	@Override
	public String getName() {
		return id.toString();
	}
}

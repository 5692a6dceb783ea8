package org.haven.identity.web;

import java.util.List;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.identity.internal.AccountSettings;
import org.haven.identity.internal.Administration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.haven.shared.web.Refusals;

import io.swagger.v3.oas.annotations.Operation;

/** JSON under /api/v1, authenticated by the same session as the pages. */
@RestController
class IdentityApiController {

	private final AccountSettings settings;

	private final Administration administration;

	IdentityApiController(AccountSettings settings, Administration administration) {
		this.settings = settings;
		this.administration = administration;
	}

	@Operation(operationId = "getMe", summary = "The signed-in account", tags = "Account",
			description = "Who is signed in with this session: id, email, name, role and whether a second factor is enrolled.")
	@GetMapping("/api/v1/me")
	Me me(@AuthenticationPrincipal CurrentAccount current) {
		var account = settings.get(current.id());
		return new Me(account.id(), account.email(), account.displayName(), account.role(), account.totpEnabled());
	}

	@Operation(operationId = "listUsers", summary = "All accounts, 50 a page (admins only)", tags = "Administration",
			description = "page counts from 0; a page past the end is empty.")
	@Refusals(400)
	@GetMapping("/api/v1/admin/users")
	List<UserRow> users(@RequestParam(defaultValue = "0") int page) {
		return administration.page(Math.max(0, page), 50)
			.stream()
			.map(a -> new UserRow(a.id(), a.email(), a.displayName(), a.role(), a.status().name(), a.totpEnabled()))
			.toList();
	}

	record Me(UUID id, String email, String displayName, Role role, boolean twoFactorEnabled) {
	}

	record UserRow(UUID id, String email, String displayName, Role role, String status, boolean twoFactorEnabled) {
	}

}

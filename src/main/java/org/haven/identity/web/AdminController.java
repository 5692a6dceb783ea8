package org.haven.identity.web;

import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.identity.Role;
import org.haven.identity.internal.Administration;
import org.haven.identity.internal.Invitations;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admin pages: accounts and invitations. The URL rules restrict /admin/** to admins. */
@Controller
class AdminController {

	private static final int PAGE_SIZE = 50;

	private final Administration administration;

	private final Invitations invitations;

	AdminController(Administration administration, Invitations invitations) {
		this.administration = administration;
		this.invitations = invitations;
	}

	@GetMapping("/admin/users")
	String users(@RequestParam(defaultValue = "0") int page, Model model) {
		long total = administration.count();
		int lastPage = (int) Math.max(0, (total - 1) / PAGE_SIZE);
		int current = Math.max(0, Math.min(page, lastPage));
		model.addAttribute("accounts", administration.page(current, PAGE_SIZE));
		model.addAttribute("page", current);
		model.addAttribute("lastPage", lastPage);
		model.addAttribute("roles", Role.values());
		return "identity/admin-users";
	}

	@PostMapping("/admin/users/{id}/status")
	@OnRefusal(show = "users")
	String status(@AuthenticationPrincipal CurrentAccount admin, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String enabled) {
		administration.setEnabled(admin.id(), id, "true".equals(enabled));
		return "redirect:/admin/users?updated";
	}

	@PostMapping("/admin/users/{id}/role")
	@OnRefusal(show = "users")
	String role(@AuthenticationPrincipal CurrentAccount admin, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String role) {
		administration.changeRole(admin.id(), id, role);
		return "redirect:/admin/users?updated";
	}

	@GetMapping("/admin/invitations")
	String invitations(Model model) {
		if (!model.containsAttribute("email")) {
			model.addAttribute("email", "");
		}
		model.addAttribute("pending", invitations.pending());
		return "identity/admin-invitations";
	}

	@PostMapping("/admin/invitations")
	@OnRefusal(show = "invitations")
	String invite(@AuthenticationPrincipal CurrentAccount admin, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String role, Model model) {
		model.addAttribute("email", Forms.keep(email));
		invitations.invite(admin.id(), email, role);
		return "redirect:/admin/invitations?sent";
	}

	@PostMapping("/admin/invitations/{id}/revoke")
	String revoke(@AuthenticationPrincipal CurrentAccount admin, @PathVariable UUID id) {
		return invitations.revoke(admin.id(), id) ? "redirect:/admin/invitations?revoked"
				: "redirect:/admin/invitations?notPending";
	}

}

package org.haven.records.web;

import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.BreakGlass;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Emergency access for admins (identity's rule keeps /admin/** to them): open one
 * client's record with a stated reason, see every grant with its reason, end one's own
 * early.
 */
@Controller
class BreakGlassController {

	private final BreakGlass breakGlass;

	BreakGlassController(BreakGlass breakGlass) {
		this.breakGlass = breakGlass;
	}

	@GetMapping("/admin/break-glass")
	String page(@AuthenticationPrincipal CurrentAccount me, Model model) {
		if (!(model.getAttribute("form") instanceof GrantForm)) {
			model.addAttribute("form", new GrantForm("", "", false));
		}
		model.addAttribute("me", me.id());
		model.addAttribute("grants",
				breakGlass.grants()
					.stream()
					.map(g -> new GrantView(g, RecordPages.when(g.grantedAt()), RecordPages.when(g.expiresAt())))
					.toList());
		return "records/break-glass";
	}

	@PostMapping("/admin/break-glass")
	@OnRefusal(show = "page")
	String grant(@AuthenticationPrincipal CurrentAccount me, @RequestParam(defaultValue = "") String email,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "false") boolean confirm,
			Model model) {
		model.addAttribute("form", new GrantForm(email, reason, confirm));
		UUID clientId = breakGlass.grant(me.id(), email, reason, confirm);
		return "redirect:/records/clients/" + clientId;
	}

	@PostMapping("/admin/break-glass/{id}/end")
	String end(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		if (!breakGlass.end(me.id(), id)) {
			throw RecordPages.notFound();
		}
		return "redirect:/admin/break-glass?ended";
	}

	/** What the admin typed, shown again when refused. */
	record GrantForm(String email, String reason, boolean confirm) {
	}

	record GrantView(BreakGlass.Grant grant, RecordPages.When granted, RecordPages.When expires) {
	}

}

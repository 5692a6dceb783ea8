package org.haven.audit.web;

import org.haven.audit.AuditTrail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's view of the trail, with the chain verified on every visit. */
@Controller
class AuditController {

	private static final int PAGE_SIZE = 50;

	private final AuditTrail trail;

	AuditController(AuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping("/admin/audit")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		long total = trail.count();
		int lastPage = (int) Math.max(0, (total - 1) / PAGE_SIZE);
		int current = Math.max(0, Math.min(page, lastPage));
		model.addAttribute("entries", trail.page(current, PAGE_SIZE));
		model.addAttribute("verification", trail.verify());
		model.addAttribute("page", current);
		model.addAttribute("lastPage", lastPage);
		model.addAttribute("total", total);
		return "audit/list";
	}

}

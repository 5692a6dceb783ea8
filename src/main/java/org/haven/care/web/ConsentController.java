package org.haven.care.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.haven.care.internal.Consents;
import org.haven.identity.CurrentAccount;
import org.haven.shared.text.SafeMarkdown;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;

/** Clients read and sign the telehealth consent; admins publish new versions. */
@Controller
class ConsentController {

	/** Days as Haven writes them; signatures are dated in UTC, as the audit trail is. */
	private static final DateTimeFormatter SIGNED_ON = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final Consents consents;

	private final SafeMarkdown markdown;

	ConsentController(Consents consents, SafeMarkdown markdown) {
		this.consents = consents;
		this.markdown = markdown;
	}

	@GetMapping("/consent")
	String read(@AuthenticationPrincipal CurrentAccount client, Model model) {
		consents.current().ifPresent(document -> {
			model.addAttribute("document", document);
			model.addAttribute("html", markdown.toHtml(document.body()));
			Instant signedAt = consents.signedAt(client.id(), document.version()).orElse(null);
			model.addAttribute("signedAt", signedAt);
			if (signedAt != null) {
				model.addAttribute("signedOn", SIGNED_ON.format(signedAt));
			}
		});
		if (!model.containsAttribute("typedName")) {
			model.addAttribute("typedName", "");
		}
		return "care/consent";
	}

	@PostMapping("/consent")
	@OnRefusal(show = "read")
	String sign(@AuthenticationPrincipal CurrentAccount client, @RequestParam(defaultValue = "0") int version,
			@RequestParam(defaultValue = "") String typedName, @RequestParam(defaultValue = "false") boolean agree,
			HttpServletRequest request, Model model) {
		model.addAttribute("typedName", typedName.length() > 200 ? typedName.substring(0, 200) : typedName);
		model.addAttribute("agreed", agree);
		consents.sign(client.id(), version, typedName, agree, request.getRemoteAddr());
		return "redirect:/consent?signed";
	}

	@GetMapping("/admin/consent")
	String admin(Model model) {
		consents.current().ifPresent(document -> {
			model.addAttribute("document", document);
			model.addAttribute("html", markdown.toHtml(document.body()));
		});
		return "care/admin-consent";
	}

	@PostMapping("/admin/consent")
	@OnRefusal(show = "admin")
	String publish(@AuthenticationPrincipal CurrentAccount admin, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String body, Model model) {
		model.addAttribute("draftTitle", title.length() > 200 ? title.substring(0, 200) : title);
		model.addAttribute("draftBody", body.length() > 60_000 ? body.substring(0, 60_000) : body);
		consents.publish(admin.id(), title, body);
		return "redirect:/admin/consent?published";
	}

}

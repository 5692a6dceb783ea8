package org.haven.messaging.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.CurrentAccount;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Item;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.PlainText;
import org.haven.messaging.internal.Timeline;
import org.haven.shared.text.SafeMarkdown;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A client's copy of their whole conversation, chat and letters in order, as one
 * self-contained HTML file to keep or print. The export is one audited read.
 */
@Controller
class ExportController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final ConversationStore store;

	private final Timeline timeline;

	private final Accounts accounts;

	private final SafeMarkdown markdown;

	private final Clock clock;

	ExportController(ConversationStore store, Timeline timeline, Accounts accounts, SafeMarkdown markdown,
			Clock clock) {
		this.store = store;
		this.timeline = timeline;
		this.accounts = accounts;
		this.markdown = markdown;
		this.clock = clock;
	}

	@GetMapping("/messages/{id}/export")
	String export(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model,
			HttpServletResponse response) {
		Member member = ConversationPages.member(store, me, id);
		if (!member.isClient()) {
			// The client's own copy; a therapist's records are kept another way.
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		List<Item> items = timeline.all(id);
		timeline.recordRead(member, "export");
		String therapist = accounts.find(member.therapistId())
			.map(AccountSummary::displayName)
			.orElse("your therapist");
		model.addAttribute("therapist", therapist);
		model.addAttribute("exportedAt", WHEN.format(clock.instant().atOffset(ZoneOffset.UTC)));
		model.addAttribute("entries", items.stream()
			.map(item -> new Entry(item.byClient() ? "You" : therapist,
					WHEN.format(item.postedAt().atOffset(ZoneOffset.UTC)), item.kind() == Item.Kind.LETTER,
					item.kind() == Item.Kind.TEXT, item.subject(), item.deleted(), html(item), item.editedAt() != null,
					item.attachments().stream().map(Item.AttachmentInfo::name).toList()))
			.toList());
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename("haven-conversation.html", StandardCharsets.UTF_8)
					.build()
					.toString());
		return "messaging/export";
	}

	/** A text (SMS) as its phone showed it; chat and letters through safe Markdown. */
	private String html(Item item) {
		if (item.deleted() || item.text() == null) {
			return "";
		}
		return item.kind() == Item.Kind.TEXT ? PlainText.html(item.text()) : markdown.toHtml(item.text());
	}

	record Entry(String author, String at, boolean letter, boolean text, String subject, boolean deleted, String html,
			boolean edited, List<String> files) {
	}

}

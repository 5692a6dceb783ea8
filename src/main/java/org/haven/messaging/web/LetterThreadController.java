package org.haven.messaging.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.messaging.internal.LetterDrafts;
import org.haven.messaging.internal.Letters;
import org.haven.messaging.internal.Letters.Compose;
import org.haven.messaging.internal.Letters.ThreadView;
import org.haven.messaging.internal.Member;
import org.haven.messaging.web.LetterPages.LetterForm;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * One letter thread: its letters in order (read by opening the page) and the reply form.
 */
@Controller
class LetterThreadController {

	private final LetterPages pages;

	private final Letters letters;

	private final LetterDrafts drafts;

	LetterThreadController(LetterPages pages, Letters letters, LetterDrafts drafts) {
		this.pages = pages;
		this.letters = letters;
		this.drafts = drafts;
	}

	@GetMapping("/messages/{conversation}/letters/{thread}")
	String show(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			@PathVariable String thread, @RequestParam(required = false) String tooLarge, Model model) {
		Member member = pages.member(me.id(), conversation);
		UUID threadId = LetterPages.id(thread).orElseThrow(LetterPages::notFound);
		if (tooLarge != null) {
			model.addAttribute("errors", Map.of("files", LettersController.TOO_LARGE));
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", pages.form(member, threadId));
		}
		LetterPages.refused(model);
		ThreadView view = letters.thread(member, threadId).orElseThrow(LetterPages::notFound);
		pages.facts(member, model);
		model.addAttribute("thread", view);
		model.addAttribute("letters",
				view.letters()
					.stream()
					.map(l -> new LetterItem(l.seq(), author(l.mine(), l.byClient()), LetterPages.when(l.at()),
							l.html(), l.attachments().stream().map(FileLink::of).toList()))
					.toList());
		return "messaging/letter-thread";
	}

	@PostMapping("/messages/{conversation}/letters/{thread}")
	@OnRefusal(show = "show")
	String reply(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			@PathVariable String thread, @RequestParam(defaultValue = "") String draft,
			@RequestParam(defaultValue = "") String body, @RequestParam(required = false) List<MultipartFile> files,
			@RequestParam(required = false) String save, Model model) {
		Member member = pages.member(me.id(), conversation);
		UUID threadId = LetterPages.id(thread).orElseThrow(LetterPages::notFound);
		LetterForm form = LetterForm.typed(draft, "", body);
		LetterPages.typed(model, form, files);
		if (save != null) {
			drafts.save(member, LettersController.requireDraft(form), threadId, "", form.body());
			return "redirect:/messages/" + member.conversationId() + "/letters/" + threadId + "?draftSaved#reply";
		}
		letters.reply(member, threadId, new Compose(form.draftId(), null, form.body(), LetterPages.uploads(files)));
		return "redirect:/messages/" + member.conversationId() + "/letters/" + threadId + "?sent";
	}

	private static String author(boolean mine, boolean byClient) {
		if (mine) {
			return "You";
		}
		return byClient ? "Your client" : "Your therapist";
	}

	record LetterItem(long seq, String author, LetterPages.When when, String html, List<FileLink> files) {
	}

	/** A file sent with a letter, as its link shows it: name, kind and size. */
	record FileLink(UUID id, String name, String description) {

		static FileLink of(AttachmentInfo file) {
			String kind = file.mediaType().equals("application/pdf") ? "PDF document" : "picture";
			String size = file.size() >= 1024 * 1024
					? String.format(Locale.ENGLISH, "%.1f MB", file.size() / (1024.0 * 1024))
					: Math.max(1, Math.round(file.size() / 1024.0)) + " KB";
			return new FileLink(file.id(), file.name(), kind + ", " + size);
		}
	}

}

package org.haven.messaging.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.messaging.internal.LetterDrafts;
import org.haven.messaging.internal.Letters;
import org.haven.messaging.internal.Letters.Compose;
import org.haven.messaging.internal.Letters.Sent;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.ReplyTimes;
import org.haven.messaging.web.LetterPages.LetterForm;
import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The letters of a conversation: the list of threads (with the therapist's reply time),
 * and the form that starts a thread. Only the conversation's two parties see any of it.
 */
@Controller
class LettersController {

	static final String TOO_LARGE = "A file was larger than 10 MB, or the files together more than 20 MB, so nothing was sent."
			+ " What you wrote was kept as a draft if it had been saved; choose smaller files.";

	private final LetterPages pages;

	private final Letters letters;

	private final LetterDrafts drafts;

	private final ReplyTimes replyTimes;

	LettersController(LetterPages pages, Letters letters, LetterDrafts drafts, ReplyTimes replyTimes) {
		this.pages = pages;
		this.letters = letters;
		this.drafts = drafts;
		this.replyTimes = replyTimes;
	}

	@GetMapping("/messages/{conversation}/letters")
	String threads(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation, Model model) {
		return list(pages.member(me.id(), conversation), model);
	}

	private String list(Member member, Model model) {
		pages.facts(member, model);
		model.addAttribute("threads",
				letters.threads(member)
					.stream()
					.map(t -> new ThreadItem(t.id(), t.subject(), LetterPages.when(t.lastLetterAt()), t.letters(),
							t.unread(), t.awaiting().label()))
					.toList());
		if (!model.containsAttribute("days")) {
			model.addAttribute("days",
					model.getAttribute("replyDays") == null ? "" : String.valueOf(model.getAttribute("replyDays")));
		}
		return "messaging/letters";
	}

	@PostMapping("/messages/{conversation}/letters/reply-time")
	@OnRefusal(show = "threads")
	String replyTime(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			@RequestParam(defaultValue = "") String days, Model model) {
		Member member = pages.member(me.id(), conversation);
		if (member.isClient()) {
			throw LetterPages.notFound();
		}
		model.addAttribute("days", days.length() > 20 ? days.substring(0, 20) : days);
		replyTimes.set(member, days);
		return "redirect:/messages/" + member.conversationId() + "/letters?replyTimeSaved";
	}

	@GetMapping("/messages/{conversation}/letters/new")
	String compose(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			@RequestParam(required = false) String tooLarge, Model model) {
		Member member = pages.member(me.id(), conversation);
		if (tooLarge != null) {
			model.addAttribute("errors", Map.of("files", TOO_LARGE));
		}
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", pages.form(member, null));
		}
		LetterPages.refused(model);
		pages.facts(member, model);
		return "messaging/letter-new";
	}

	@PostMapping("/messages/{conversation}/letters")
	@OnRefusal(show = "compose")
	String start(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			@RequestParam(defaultValue = "") String draft, @RequestParam(defaultValue = "") String subject,
			@RequestParam(defaultValue = "") String body, @RequestParam(required = false) List<MultipartFile> files,
			@RequestParam(required = false) String save, Model model) {
		Member member = pages.member(me.id(), conversation);
		LetterForm form = LetterForm.typed(draft, subject, body);
		LetterPages.typed(model, form, files);
		if (save != null) {
			drafts.save(member, requireDraft(form), null, form.subject(), form.body());
			return "redirect:/messages/" + member.conversationId() + "/letters/new?draftSaved";
		}
		Sent sent = letters.start(member,
				new Compose(form.draftId(), form.subject(), form.body(), LetterPages.uploads(files)));
		return "redirect:/messages/" + member.conversationId() + "/letters/" + sent.threadId() + "?sent";
	}

	static UUID requireDraft(LetterForm form) {
		if (form.draftId() == null) {
			throw Refusal.of("draft", "The form is incomplete: reload the page and try again.");
		}
		return form.draftId();
	}

	record ThreadItem(UUID id, String subject, LetterPages.When when, int letters, boolean unread, String awaiting) {
	}

}

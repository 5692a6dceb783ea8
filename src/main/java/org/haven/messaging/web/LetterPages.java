package org.haven.messaging.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.LetterDrafts;
import org.haven.messaging.internal.LetterText;
import org.haven.messaging.internal.Letters.Upload;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.ReplyTimes;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the letters pages share: who the caller is in the conversation (404 for anyone
 * else, exactly as for an id that does not exist), the facts every page shows, the form
 * as typed, and times as people read them.
 */
@Component
class LetterPages {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
			Locale.ENGLISH);

	private final ConversationStore conversations;

	private final LetterDrafts drafts;

	private final ReplyTimes replyTimes;

	private final Accounts accounts;

	LetterPages(ConversationStore conversations, LetterDrafts drafts, ReplyTimes replyTimes, Accounts accounts) {
		this.conversations = conversations;
		this.drafts = drafts;
		this.replyTimes = replyTimes;
		this.accounts = accounts;
	}

	Member member(UUID accountId, String conversation) {
		return id(conversation).flatMap(id -> conversations.member(accountId, id)).orElseThrow(LetterPages::notFound);
	}

	static Optional<UUID> id(String text) {
		try {
			return text != null && text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * What was typed into a letter form, kept for the page shown again if it is refused;
	 * and a word about files: a browser cannot fill a file input again, so they must be
	 * chosen anew.
	 */
	static void typed(Model model, LetterForm form, List<MultipartFile> files) {
		model.addAttribute("form", form);
		model.addAttribute("filesDropped", files != null && files.stream().anyMatch(f -> !f.isEmpty()));
	}

	/**
	 * A letter refused because care ended is said above the form, not at a field (the
	 * form is closed).
	 */
	static void refused(Model model) {
		if (model.getAttribute(OnRefusal.REFUSAL) instanceof Refusal refusal && "closed".equals(refusal.code())) {
			model.asMap().remove(OnRefusal.ERRORS);
			model.asMap().remove("filesDropped");
			model.addAttribute("refusedClosed", refusal.getMessage());
		}
	}

	static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	/**
	 * The conversation, who is on the other side, whether it takes letters, and the
	 * therapist's reply time.
	 */
	void facts(Member member, Model model) {
		model.addAttribute("conversation", member.conversationId());
		model.addAttribute("me", member.role());
		model.addAttribute("peerName",
				accounts.find(member.peerId()).map(AccountSummary::displayName).orElse("(unknown)"));
		model.addAttribute("open", member.open() && !conversations.isClosed(member.conversationId()));
		var days = replyTimes.of(member.therapistId());
		model.addAttribute("replyDays", days.isPresent() ? days.getAsInt() : null);
	}

	/**
	 * The form for a new letter (thread null) or a reply, restored from the member's
	 * draft when there is one.
	 */
	LetterForm form(Member member, UUID threadId) {
		return drafts.find(member, threadId)
			.map(d -> new LetterForm(d.id().toString(), d.subject(), d.body()))
			.orElseGet(() -> new LetterForm(UUID.randomUUID().toString(), "", ""));
	}

	/**
	 * The files chosen in the form; a file input left empty sends one part without a
	 * name, which is no file.
	 */
	static List<Upload> uploads(List<MultipartFile> files) {
		List<Upload> uploads = new ArrayList<>();
		if (files != null) {
			for (MultipartFile file : files) {
				if (file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isEmpty())) {
					continue;
				}
				try {
					uploads.add(new Upload(file.getOriginalFilename(), file.getBytes()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return uploads;
	}

	static When when(Instant at) {
		return new When(Timestamps.html(at), WHEN.format(at.atZone(ZoneOffset.UTC)));
	}

	/**
	 * A time as the page shows it, with the machine-readable form for
	 * {@code <time datetime>}.
	 */
	record When(String iso, String text) {
	}

	/** What the person typed, kept as typed when the letter is refused. */
	record LetterForm(String draft, String subject, String body) {

		static LetterForm typed(String draft, String subject, String body) {
			// The text fields come back whole (Tomcat bounds a form's fields at 1 MB);
			// the draft id is ours.
			return new LetterForm(keep(draft, 64), subject == null ? "" : subject,
					body == null ? "" : LetterText.lines(body));
		}

		UUID draftId() {
			return id(draft).orElse(null);
		}

		private static String keep(String value, int max) {
			String text = value == null ? "" : value;
			return text.length() > max ? text.substring(0, max) : text;
		}
	}

}

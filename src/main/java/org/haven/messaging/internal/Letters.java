package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.messaging.internal.Attachments.Prepared;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.messaging.internal.LetterStore.Row;
import org.haven.messaging.internal.LetterWriter.Written;
import org.haven.shared.text.SafeMarkdown;
import org.haven.shared.text.TextChecks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Letters ("email therapy"): threads of longer, unhurried writing between a client and
 * their therapist, in the conversation's timeline next to chat (docs/messaging.md). A
 * thread awaits the party who did not write its last letter. Each letter is stored
 * sealed, then pushed to the chat connections open on the conversation, in sequence order
 * with chat messages.
 */
@Service
public class Letters {

	public static final int MAX_FILES = 5;

	private final Timeline timeline;

	private final LetterStore threads;

	private final LetterWriter writer;

	private final ChatHub hub;

	private final ItemJson items;

	private final SafeMarkdown markdown;

	Letters(Timeline timeline, LetterStore threads, LetterWriter writer, ChatHub hub, ItemJson items,
			SafeMarkdown markdown) {
		this.timeline = timeline;
		this.threads = threads;
		this.writer = writer;
		this.hub = hub;
		this.items = items;
		this.markdown = markdown;
	}

	/** Starts a thread; pressing Send twice with the same draft id stores one letter. */
	public Sent start(Member member, Compose letter) {
		Map<String, String> errors = new LinkedHashMap<>();
		String typed = letter.subject() == null ? "" : letter.subject();
		String subject = typed.strip();
		checkSubject(typed, subject, errors);
		Checked checked = check(letter, errors);
		return send(member, null, subject, checked, letter);
	}

	public Sent reply(Member member, UUID threadId, Compose letter) {
		Map<String, String> errors = new LinkedHashMap<>();
		Checked checked = check(letter, errors);
		return send(member, threadId, null, checked, letter);
	}

	private Sent send(Member member, UUID threadId, String subject, Checked checked, Compose letter) {
		Written written = hub.ordered(member.conversationId(), () -> {
			Written stored = writer.write(member, threadId, subject, checked.body(), letter.draftId(), checked.files());
			// Committed by now (the writer's transaction ended): the chat timeline shows
			// it as a letter card.
			if (!stored.duplicate()) {
				hub.push(member.conversationId(), null, items.frame(stored.item()));
			}
			return stored;
		});
		return new Sent(written.item().threadId(), written.item().seq(), written.duplicate());
	}

	/**
	 * The conversation's threads, newest activity first; one audit entry for the page
	 * that shows them.
	 */
	@Transactional
	public List<ThreadSummary> threads(Member member) {
		timeline.recordRead(member, "letters");
		return threads.threads(member.conversationId(), member.accountId())
			.stream()
			.map(row -> new ThreadSummary(row.id(), row.subject(), row.lastLetterAt(), row.letters(), row.unread(),
					awaiting(member, row)))
			.toList();
	}

	/**
	 * One thread with its letters in order, now read by the member; one audit entry.
	 * Empty when not the conversation's.
	 */
	@Transactional
	public Optional<ThreadView> thread(Member member, UUID threadId) {
		Optional<Row> row = threads.thread(member.conversationId(), threadId, member.accountId());
		if (row.isEmpty()) {
			return Optional.empty();
		}
		timeline.recordRead(member, "letter thread " + threadId);
		threads.markRead(threadId, member.isClient());
		List<LetterView> letters = new ArrayList<>();
		for (Item item : timeline.letters(member.conversationId(), threadId)) {
			letters.add(new LetterView(item.seq(), item.authorId().equals(member.accountId()), item.byClient(),
					item.postedAt(), item.deleted() ? "" : markdown.toHtml(item.text()), item.attachments()));
		}
		return Optional.of(new ThreadView(threadId, row.get().subject(), awaiting(member, row.get()), letters));
	}

	private static Awaiting awaiting(Member member, Row row) {
		if (!row.lastAuthorId().equals(member.accountId())) {
			return Awaiting.YOU;
		}
		return member.isClient() ? Awaiting.THERAPIST : Awaiting.CLIENT;
	}

	/**
	 * Checked as typed, so that a line break at either end is refused too; then used
	 * without surrounding spaces.
	 */
	private static void checkSubject(String typed, String subject, Map<String, String> errors) {
		if (subject.isEmpty()) {
			errors.put("subject", "Give your letter a subject.");
		}
		else if (TextChecks.hasForbiddenCharacters(typed, false)) {
			errors.put("subject", "Write the subject on one line, without invisible formatting characters.");
		}
		else if (subject.length() > LetterText.MAX_SUBJECT) {
			errors.put("subject", "A subject may be at most 200 characters; this one has " + subject.length() + ".");
		}
	}

	/**
	 * Checks the body and the files, throwing every problem at once; the body with its
	 * line ends made plain and the files made fit to keep (pictures re-encoded), before
	 * the conversation's turn is taken.
	 */
	private static Checked check(Compose letter, Map<String, String> errors) {
		String body = LetterText.lines(letter.body() == null ? "" : letter.body());
		if (body.isBlank()) {
			errors.put("body", "Write your letter.");
		}
		else if (body.length() > LetterText.MAX_BODY) {
			errors.put("body", "A letter may be at most 100,000 characters; this one has "
					+ String.format(Locale.ENGLISH, "%,d", body.length()) + ".");
		}
		else if (TextChecks.hasControlCharacters(body)) {
			errors.put("body", "The letter holds control characters (invisible codes that are not text): remove them.");
		}
		List<Prepared> prepared = new ArrayList<>();
		String files = checkFiles(letter.files(), prepared);
		if (files != null) {
			errors.put("files", files);
		}
		if (letter.draftId() == null) {
			errors.put("draft", "The form is incomplete: reload the page and send again.");
		}
		if (!errors.isEmpty()) {
			throw Refusal.of(errors);
		}
		return new Checked(body, prepared);
	}

	private record Checked(String body, List<Prepared> files) {
	}

	private static String checkFiles(List<Upload> files, List<Prepared> prepared) {
		if (files.size() > MAX_FILES) {
			return "Attach at most 5 files to a letter.";
		}
		for (Upload file : files) {
			if (file.content().length == 0) {
				return "The file " + shown(file.name()) + " is empty.";
			}
			if (file.content().length > Attachments.MAX_BYTES) {
				return "The file " + shown(file.name()) + " is larger than 10 MB.";
			}
			if (Attachments.sniff(file.content()).isEmpty()) {
				return "The file " + shown(file.name()) + " is not a picture (JPEG, PNG, GIF) or a PDF document.";
			}
		}
		for (Upload file : files) {
			try {
				prepared.add(Attachments.prepare(file.name(), file.content(), "The file " + shown(file.name())));
			}
			catch (Refusal refused) {
				return refused.getMessage();
			}
		}
		return null;
	}

	/**
	 * A file's name as it may appear in a message: no path, no invisible or control
	 * characters, not too long.
	 */
	static String shown(String name) {
		String raw = name == null ? "" : name.replace('\\', '/');
		StringBuilder clean = new StringBuilder();
		raw.substring(raw.lastIndexOf('/') + 1)
			.codePoints()
			.filter(cp -> !TextChecks.hasForbiddenCharacters(Character.toString(cp), false))
			.limit(80)
			.forEach(clean::appendCodePoint);
		return clean.isEmpty() ? "you chose" : "“" + clean + "”";
	}

	/** A file from the form: the name the browser gave and its bytes. */
	public record Upload(String name, byte[] content) {
	}

	/**
	 * @param draftId the form's draft id, which becomes the letter's client key
	 */
	public record Compose(UUID draftId, String subject, String body, List<Upload> files) {
	}

	/**
	 * @param duplicate the form had been sent before: nothing new was stored
	 */
	public record Sent(UUID threadId, long seq, boolean duplicate) {
	}

	public enum Awaiting {

		YOU("Awaiting your reply"), THERAPIST("Awaiting your therapist's reply"),
		CLIENT("Awaiting your client's reply");

		private final String label;

		Awaiting(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

	}

	public record ThreadSummary(UUID id, String subject, Instant lastLetterAt, int letters, boolean unread,
			Awaiting awaiting) {
	}

	public record ThreadView(UUID id, String subject, Awaiting awaiting, List<LetterView> letters) {
	}

	/**
	 * @param html the letter rendered through the safe Markdown subset
	 */
	public record LetterView(long seq, boolean mine, boolean byClient, Instant at, String html,
			List<AttachmentInfo> attachments) {
	}

}

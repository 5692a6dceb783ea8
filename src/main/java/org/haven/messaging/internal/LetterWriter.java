package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.messaging.internal.Posting.Posted;
import org.haven.messaging.internal.Item.Kind;
import org.haven.messaging.internal.Attachments.Prepared;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one letter in one transaction: its thread (when it starts one), its files, the
 * letter itself, the thread's last-letter columns and the removal of its draft. A refusal
 * anywhere leaves nothing behind, not even an uploaded file.
 */
@Service
class LetterWriter {

	private final Posting posting;

	private final Timeline timeline;

	private final LetterStore threads;

	private final LetterDrafts drafts;

	private final Attachments attachments;

	private final Clock clock;

	LetterWriter(Posting posting, Timeline timeline, LetterStore threads, LetterDrafts drafts, Attachments attachments,
			Clock clock) {
		this.posting = posting;
		this.timeline = timeline;
		this.clock = clock;
		this.threads = threads;
		this.drafts = drafts;
		this.attachments = attachments;
	}

	/**
	 * @param threadId null to start a thread with {@code subject}
	 */
	@Transactional
	public Written write(Member member, UUID threadId, String subject, String body, UUID draftId,
			List<Prepared> files) {
		if (!member.open() || threads.lockClosed(member.conversationId())) {
			throw Refused.closed();
		}
		String clientKey = draftId.toString();
		var earlier = threads.sentUnder(member.conversationId(), member.accountId(), clientKey);
		if (earlier.isPresent()) {
			// The same form sent again: the letter it sent the first time.
			if (!Kind.LETTER.name().equals(earlier.get().kind())
					|| (threadId != null && !threadId.equals(earlier.get().threadId()))) {
				throw Refusal.of("draft", "This form was used for another message: reload the page and send again.");
			}
			return new Written(timeline.find(member.conversationId(), earlier.get().seq()).orElseThrow(), true);
		}
		UUID thread = threadId;
		if (thread == null) {
			thread = threads.create(member.conversationId(), subject, member.accountId(), clock.instant());
		}
		else if (threads.thread(member.conversationId(), thread, member.accountId()).isEmpty()) {
			throw Refused.notFound();
		}
		List<UUID> ids = new ArrayList<>();
		for (Prepared file : files) {
			ids.add(attachments.store(member, file).id());
		}
		Posted posted = posting.post(member, clientKey, Kind.LETTER, body, thread, ids);
		threads.lettered(thread, member.accountId(), member.isClient(), posted.item().seq(), posted.item().postedAt());
		drafts.delete(member, threadId);
		return new Written(posted.item(), false);
	}

	record Written(Item item, boolean duplicate) {
	}

}

package org.haven.messaging;

import java.util.List;
import java.util.UUID;

import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.ConversationStore.Receipts;
import org.haven.messaging.internal.Item;
import org.haven.messaging.internal.Letters;
import org.haven.messaging.internal.Member;
import org.haven.messaging.internal.Posting;
import org.haven.messaging.internal.Timeline;
import org.springframework.context.ApplicationContext;

/**
 * What the parties of a conversation do, straight through messaging's own classes
 * (without a socket or a page): the one place in other modules' tests that knows how
 * messages are stored.
 */
public final class TestMessages {

	private final ConversationStore store;

	private final Posting posting;

	private final Timeline timeline;

	private final Letters letters;

	private TestMessages(ApplicationContext context) {
		this.store = context.getBean(ConversationStore.class);
		this.posting = context.getBean(Posting.class);
		this.timeline = context.getBean(Timeline.class);
		this.letters = context.getBean(Letters.class);
	}

	public static TestMessages in(ApplicationContext context) {
		return new TestMessages(context);
	}

	/** The party opens the conversation, which brings it into being if it is new. */
	public void open(UUID accountId, UUID conversationId) {
		member(accountId, conversationId);
	}

	/** Posts a chat message; returns its sequence. */
	public long chat(UUID authorId, UUID conversationId, String text) {
		return posting
			.post(member(authorId, conversationId), UUID.randomUUID().toString(), Item.Kind.CHAT, text, null, List.of())
			.item()
			.seq();
	}

	/** Posts a letter into a thread that already exists. */
	public void letter(UUID authorId, UUID conversationId, UUID threadId, String text) {
		posting.post(member(authorId, conversationId), UUID.randomUUID().toString(), Item.Kind.LETTER, text, threadId,
				List.of());
	}

	/** Starts a new letter thread, as the letters page does. */
	public void startLetter(UUID authorId, UUID conversationId, String subject, String body) {
		letters.start(member(authorId, conversationId),
				new Letters.Compose(UUID.randomUUID(), subject, body, List.of()));
	}

	/**
	 * The reader has received and read up to {@code seq}; returns both parties' read
	 * marks.
	 */
	public ReadMarks read(UUID readerId, UUID conversationId, long seq) {
		Receipts receipts = store.receipt(member(readerId, conversationId), seq, seq);
		return new ReadMarks(receipts.clientRead(), receipts.therapistRead());
	}

	/** Edits the author's message; returns its text as stored. */
	public String edit(UUID authorId, UUID conversationId, long seq, String text) {
		return posting.edit(member(authorId, conversationId), seq, text).text();
	}

	/** Deletes the author's message; returns whether it now reads as deleted. */
	public boolean delete(UUID authorId, UUID conversationId, long seq) {
		return posting.delete(member(authorId, conversationId), seq).deleted();
	}

	/** The kinds (CHAT, LETTER) of the items changed after {@code seq}, in order. */
	public List<String> kindsChangedAfter(UUID conversationId, long seq, int limit) {
		return timeline.changedAfter(conversationId, seq, limit).stream().map(item -> item.kind().name()).toList();
	}

	/** The text of every item of the conversation, in order. */
	public List<String> texts(UUID conversationId) {
		return timeline.all(conversationId).stream().map(Item::text).toList();
	}

	private Member member(UUID accountId, UUID conversationId) {
		return store.member(accountId, conversationId).orElseThrow();
	}

	/** How far each party has read. */
	public record ReadMarks(long clientRead, long therapistRead) {
	}

}

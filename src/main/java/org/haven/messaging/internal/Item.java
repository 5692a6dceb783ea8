package org.haven.messaging.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a conversation's timeline, decrypted: a chat message, a letter or a text
 * (SMS). A deleted item keeps its place with neither text nor attachments.
 *
 * @param text the author's words (Markdown; plain text for a text); null when deleted
 * @param textState what became of a text Haven sends ({@code TextMessages.TEXT_STATES});
 * null for every other item
 */
public record Item(UUID conversationId, long seq, long rev, Kind kind, UUID authorId, boolean byClient,
		String clientKey, String text, UUID threadId, String subject, Instant postedAt, Instant editedAt,
		Instant deletedAt, List<AttachmentInfo> attachments, String textState) {

	/** How long after sending its author may still change or remove a chat message. */
	public static final Duration EDIT_WINDOW = Duration.ofMinutes(5);

	public enum Kind {

		CHAT, LETTER,

		/** A message that travelled by SMS, to or from the client's phone. */
		TEXT

	}

	/** A plain chat message as just stored: no files, never edited. */
	static Item chat(Member author, long seq, String clientKey, String text, Instant postedAt) {
		return plain(Kind.CHAT, author, seq, clientKey, text, postedAt);
	}

	/** A chat message or text as just stored: no files, never edited, no state yet. */
	static Item plain(Kind kind, Member author, long seq, String clientKey, String text, Instant postedAt) {
		return new Item(author.conversationId(), seq, seq, kind, author.accountId(), author.isClient(), clientKey, text,
				null, null, postedAt, null, null, List.of(), null);
	}

	public boolean deleted() {
		return deletedAt != null;
	}

	/**
	 * Refuses unless {@code accountId} may edit or delete this item at {@code now}: only
	 * its author, only a chat message still in place, and only within
	 * {@link #EDIT_WINDOW} of sending it.
	 */
	void checkChangeableBy(UUID accountId, Instant now) {
		if (kind == Kind.TEXT) {
			// Once on a phone it cannot be taken back, so the page keeps what the phone
			// shows.
			throw Refused.as("not-allowed", "message", "A text cannot be changed or removed: it went by phone.");
		}
		if (!authorId.equals(accountId) || kind != Kind.CHAT) {
			throw Refused.as("not-allowed", "message",
					"Only the person who wrote a chat message may change or remove it.");
		}
		if (deleted()) {
			throw Refused.as("not-allowed", "message", "This message was already removed.");
		}
		if (now.isAfter(postedAt.plus(EDIT_WINDOW))) {
			throw Refused.as("not-allowed", "message",
					"A message can be changed or removed for 5 minutes after it was sent.");
		}
	}

	Item withAttachments(List<AttachmentInfo> files) {
		return new Item(conversationId, seq, rev, kind, authorId, byClient, clientKey, text, threadId, subject,
				postedAt, editedAt, deletedAt, files, textState);
	}

	/**
	 * A file sent with an item; {@code inline} when it is an image a browser may show in
	 * the page.
	 */
	public record AttachmentInfo(UUID id, String name, String mediaType, long size, boolean inline) {
	}
}

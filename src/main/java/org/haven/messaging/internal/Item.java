package org.haven.messaging.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a conversation's timeline, decrypted: a chat message or a letter. A
 * deleted item keeps its place with neither text nor attachments.
 *
 * @param text the author's words (Markdown); null when deleted, and for letters in
 * timeline lists
 */
public record Item(UUID conversationId, long seq, long rev, Kind kind, UUID authorId, boolean byClient,
		String clientKey, String text, UUID threadId, String subject, Instant postedAt, Instant editedAt,
		Instant deletedAt, List<AttachmentInfo> attachments) {

	public enum Kind {

		CHAT, LETTER

	}

	public boolean deleted() {
		return deletedAt != null;
	}

	Item withAttachments(List<AttachmentInfo> files) {
		return new Item(conversationId, seq, rev, kind, authorId, byClient, clientKey, text, threadId, subject,
				postedAt, editedAt, deletedAt, files);
	}

	/**
	 * A file sent with an item; {@code inline} when it is an image a browser may show in
	 * the page.
	 */
	public record AttachmentInfo(UUID id, String name, String mediaType, long size, boolean inline) {
	}
}

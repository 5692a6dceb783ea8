package org.haven.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A letter was sent in a thread: ids and its place in the conversation only, never its
 * subject or body.
 */
public record LetterSent(UUID conversationId, UUID threadId, long seq, UUID authorId, UUID recipientId, Instant at) {
}

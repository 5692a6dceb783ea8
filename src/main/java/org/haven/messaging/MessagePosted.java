package org.haven.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat message was stored (or a text, SMS, which counts as one): ids and its place in
 * the conversation only, never what it says. Published in {@link MessagesPosted}.
 */
public record MessagePosted(UUID conversationId, long seq, UUID authorId, UUID recipientId, Instant at) {
}

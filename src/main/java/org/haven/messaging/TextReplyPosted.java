package org.haven.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * A therapist's reply to be sent by text was stored: ids and its place in the
 * conversation only, never its words (the sender reads them with
 * {@link TextMessages#textOf}). Published through the event publication registry, so a
 * listener hears it after the commit, and again after a restart until it completes.
 */
public record TextReplyPosted(UUID conversationId, long seq, UUID therapistId, UUID clientId, Instant at) {
}

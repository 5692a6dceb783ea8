package org.haven.messaging;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Texts (SMS) in a conversation, for the module that carries them to and from phones. A
 * text is an item of kind TEXT in the same timeline as chat: numbered, sealed,
 * read-marked, announced when unread and pushed to open chat pages like a chat message,
 * and shown there as "by text". A conversation's id is its care relationship's id.
 *
 * <p>
 * Refusals are {@link org.haven.shared.web.Refusal}s with the codes of the chat protocol
 * (docs/messaging.md): {@code not-found} for a conversation that does not exist or is not
 * this person's, {@code closed} once care has ended, {@code bad-field} or
 * {@code text-too-long} for the text; nothing is stored then. Each call joins the
 * caller's transaction when there is one (what it pushes to open pages then waits for
 * that commit); otherwise it commits on its own before anyone is told.
 */
public interface TextMessages {

	/**
	 * The delivery states {@link #textState} takes: a text waits (QUEUED), is with the
	 * phone network (SUBMITTED), and ends DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED,
	 * UNCONFIRMED (the network may have taken it; its answer never came) or FAILED (never
	 * handed over).
	 */
	Set<String> TEXT_STATES = Set.of("QUEUED", "SUBMITTED", "DELIVERED", "UNDELIVERABLE", "EXPIRED", "REJECTED",
			"UNCONFIRMED", "FAILED");

	/**
	 * Stores a text the client sent from their phone, as written by the client. The same
	 * {@code dedupeKey} again (the network delivering a text twice, a retry after a
	 * crash) stores nothing and answers with the item stored the first time.
	 * @param clientId must be the conversation's client
	 * @param dedupeKey what makes this text unique for this client (the SMSC's message
	 * id, say)
	 */
	Stored receivedByText(UUID conversationId, UUID clientId, String text, String dedupeKey);

	/**
	 * Stores the therapist's reply that Haven is to send by text, and publishes
	 * {@link TextReplyPosted} for the module that sends it. The same {@code clientKey}
	 * again stores and publishes nothing and answers with the first item. Whether the
	 * client has agreed to texts, and whether the text fits in an SMS, is for the caller
	 * to check first.
	 * @param therapistId must be the conversation's therapist
	 * @param clientKey unique per message of this therapist in this conversation, 1 to 64
	 * characters
	 */
	Stored sentByText(UUID conversationId, UUID therapistId, String text, String clientKey);

	/**
	 * The words of a text item, to send them; empty for any other item and for none. Each
	 * read is audited.
	 */
	Optional<String> textOf(UUID conversationId, long seq);

	/**
	 * Records what became of a text Haven sends (one of {@link #TEXT_STATES}) and shows
	 * it on open chat pages. A final state is not replaced by QUEUED or SUBMITTED (a late
	 * report), and SUBMITTED not by QUEUED; the same state again changes nothing. Also
	 * after care has ended.
	 * @throws IllegalArgumentException for a state not in {@link #TEXT_STATES}
	 */
	void textState(UUID conversationId, long seq, String state);

	/**
	 * A text as stored.
	 *
	 * @param duplicate true when it had been stored before under the same key
	 */
	record Stored(long seq, Instant at, boolean duplicate) {
	}

}

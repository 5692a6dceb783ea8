package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;

/**
 * Messaging's refusals, each with the code its error frame carries in the realtime
 * protocol (docs/messaging.md) and words for people. Nothing was stored.
 */
final class Refused {

	private Refused() {
	}

	/** A refusal of {@code field}, coded for frames and API answers. */
	static Refusal as(String code, String field, String message) {
		return Refusal.of(field, message).code(code);
	}

	/** The same answer whether the conversation is missing or not the caller's. */
	static Refusal notFound() {
		return as("not-found", "conversation", "No such conversation or message.").status(HttpStatus.NOT_FOUND);
	}

	static Refusal closed() {
		return as("closed", "conversation",
				"This care relationship has ended: the conversation can be read and exported, not added to.")
			.status(HttpStatus.CONFLICT);
	}

}

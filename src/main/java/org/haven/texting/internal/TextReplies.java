package org.haven.texting.internal;

import java.util.Optional;

import org.haven.messaging.TextMessages;
import org.haven.messaging.TextReplyPosted;
import org.haven.texting.internal.TextOutbox.Item;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Sends a therapist's reply by text once messaging has stored it. The event may come
 * again after a crash; the outbox takes one text per item, so the reply goes out once.
 * When the client stopped texting meanwhile (STOP, consent withdrawn, care ended), the
 * reply stays in the conversation and is marked FAILED.
 */
@Component
class TextReplies {

	private final TextMessages messages;

	private final TextNumbers numbers;

	private final Recipients recipients;

	private final TextOutbox outbox;

	private final Texting texting;

	TextReplies(TextMessages messages, TextNumbers numbers, Recipients recipients, TextOutbox outbox, Texting texting) {
		this.messages = messages;
		this.numbers = numbers;
		this.recipients = recipients;
		this.outbox = outbox;
		this.texting = texting;
	}

	@ApplicationModuleListener
	void on(TextReplyPosted reply) {
		Optional<String> body = messages.textOf(reply.conversationId(), reply.seq());
		if (body.isEmpty()) {
			return;
		}
		if (numbers.of(reply.clientId()).isEmpty()) {
			// The client has no number at all: this reply was not written on texting's
			// page
			// (only a client who texts gets that page), so it is not texting's to send or
			// to
			// mark.
			return;
		}
		Optional<E164> number = numbers.clinicalNumber(reply.clientId(), reply.conversationId());
		if (!texting.enabled() || number.isEmpty() || !recipients.allowed(number.get().value(), Purpose.CLINICAL)) {
			messages.textState(reply.conversationId(), reply.seq(), TextStatus.FAILED.name());
			return;
		}
		Optional<java.util.UUID> queued;
		try {
			queued = outbox.queue(number.get().value(), reply.clientId(), Purpose.CLINICAL, body.get(), null, null,
					new Item(reply.conversationId(), reply.seq()));
		}
		catch (IllegalArgumentException ex) {
			// Longer than ten parts: the page refuses such replies, so only an old one
			// can be.
			messages.textState(reply.conversationId(), reply.seq(), TextStatus.FAILED.name());
			return;
		}
		if (queued.isPresent()) {
			messages.textState(reply.conversationId(), reply.seq(), TextStatus.QUEUED.name());
		}
		texting.wakeAfterCommit();
	}

}

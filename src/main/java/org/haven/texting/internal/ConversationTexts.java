package org.haven.texting.internal;

import java.util.UUID;

import org.haven.messaging.TextMessages;
import org.haven.shared.web.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Clinical texts into their conversation, through messaging's API. Each text from a phone
 * is a new item: the SMSC delivers it again only when Haven answered with an error, and
 * then nothing was stored.
 */
@Component
class ConversationTexts implements InboundTexts.ClinicalTexts {

	private static final Logger log = LoggerFactory.getLogger(ConversationTexts.class);

	private final TextMessages messages;

	ConversationTexts(TextMessages messages) {
		this.messages = messages;
	}

	@Override
	public boolean receive(UUID conversationId, UUID clientId, String body) {
		try {
			messages.receivedByText(conversationId, clientId, body, UUID.randomUUID().toString());
			return true;
		}
		catch (Refusal ex) {
			// Care ended, or the text cannot be a message (too long, say).
			log.info("A client's text could not go into their conversation: {}", ex.code());
			return false;
		}
	}

}

package org.haven.texting.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Texts from phones. What a text says is never logged: only that one came, from a number
 * shown masked.
 */
@Component
class InboundTexts {

	private static final Logger log = LoggerFactory.getLogger(InboundTexts.class);

	/**
	 * @param address the sender as the SMSC gave it
	 * @param ton its type of number
	 */
	void received(String address, byte ton, String body) {
		log.info("A text came from a number Haven does not know ({} characters); not stored", body.length());
	}

}

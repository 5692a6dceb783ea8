package org.haven.texting.internal;

import java.util.Optional;
import java.util.UUID;

import org.haven.shared.web.PublicLinks;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Texts from phones. Keywords first, from any number: STOP and its kin opt the number out
 * at once with one confirmation, START opts it back in, HELP answers with the practice's
 * name and contact. A text from a client's verified number with clinical consent lands in
 * the conversation they chose. Anything else gets at most one polite answer a day with no
 * health data, and what it said is not stored. What a text says is never logged.
 */
@Component
class InboundTexts {

	private static final Logger log = LoggerFactory.getLogger(InboundTexts.class);

	static final String OPTED_OUT = "You will get no more texts from Haven. Reply START to get them again.";

	static final String OPTED_IN = "You will get Haven's texts again. Reply STOP to stop them, HELP for help.";

	static final String STRANGER = "This number cannot reach anyone at Haven by text. To write to your therapist, "
			+ "sign in to Haven. Reply STOP to get no texts from this number.";

	private final PhoneNumbers numbers;

	private final Recipients recipients;

	private final ObjectProvider<Texting> texting;

	private final ObjectProvider<TextNumbers> owners;

	private final ObjectProvider<ClinicalTexts> clinical;

	private final String help;

	InboundTexts(PhoneNumbers numbers, Recipients recipients, ObjectProvider<Texting> texting,
			ObjectProvider<TextNumbers> owners, ObjectProvider<ClinicalTexts> clinical, TextingProperties properties,
			PublicLinks links) {
		this.numbers = numbers;
		this.recipients = recipients;
		this.texting = texting;
		this.owners = owners;
		this.clinical = clinical;
		String contact = properties.helpContact().isBlank() ? links.to("/").toString() : properties.helpContact();
		this.help = properties.practiceName() + ": texts about your care at Haven. Help: " + contact
				+ ". Reply STOP to stop texts.";
	}

	/**
	 * @param address the sender as the SMSC gave it
	 * @param ton its type of number
	 */
	@Transactional
	void received(String address, byte ton, String body) {
		E164 from = numbers.fromSmsc(address, ton, (byte) 1);
		if (from == null) {
			// A short code or a sender name: nobody to answer or to route to.
			log.info("A text came from an address that is not a phone number; not stored");
			return;
		}
		Optional<Keyword> keyword = TextKeywords.of(body);
		if (keyword.isPresent()) {
			keyword(from, keyword.get());
			return;
		}
		if (recipients.optedOut(from.value())) {
			// It said STOP before: no answer at all, and nothing stored.
			log.info("A text came from {}, which opted out; not stored", numbers.masked(from));
			return;
		}
		Optional<TextNumbers.Owner> owner = owners.getObject().owner(from);
		if (owner.isPresent() && owner.get().clinical() && owner.get().conversationId() != null
				&& clinical.getIfAvailable() != null
				&& clinical.getObject().receive(owner.get().conversationId(), owner.get().accountId(), body)) {
			return;
		}
		log.info("A text came from {}, which cannot text anyone here; not stored", numbers.masked(from));
		if (recipients.strangerReplyDue(from.value())) {
			texting.getObject().send(from.value(), null, Purpose.NOTICE, STRANGER, null);
		}
	}

	private void keyword(E164 from, Keyword keyword) {
		switch (keyword) {
			case OPT_OUT -> {
				if (recipients.optOut(from.value())) {
					log.info("{} opted out of texts", numbers.masked(from));
					texting.getObject().send(from.value(), null, Purpose.KEYWORD, OPTED_OUT, null);
				}
			}
			case OPT_IN -> {
				if (recipients.optIn(from.value())) {
					log.info("{} opted back in to texts", numbers.masked(from));
				}
				texting.getObject().send(from.value(), null, Purpose.KEYWORD, OPTED_IN, null);
			}
			case HELP -> texting.getObject().send(from.value(), null, Purpose.KEYWORD, help, null);
		}
	}

	/**
	 * Where clinical texts go: the conversation, through messaging's API.
	 */
	interface ClinicalTexts {

		/**
		 * @return false when the conversation no longer takes the client's texts (care
		 * ended), so the text is treated as from a stranger
		 */
		boolean receive(UUID conversationId, UUID clientId, String body);

	}

}

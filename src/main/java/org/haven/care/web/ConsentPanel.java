package org.haven.care.web;

import java.util.Map;
import java.util.Optional;

import org.haven.care.TelehealthConsent;
import org.haven.identity.CurrentAccount;
import org.haven.identity.HomePanel;
import org.haven.identity.Role;
import org.springframework.stereotype.Component;

/**
 * Asks a client to sign the telehealth consent, first on their home page, until they have
 * signed its current version; then it is gone (a new version brings it back).
 */
@Component
class ConsentPanel implements HomePanel {

	private final TelehealthConsent consent;

	ConsentPanel(TelehealthConsent consent) {
		this.consent = consent;
	}

	@Override
	public int order() {
		return 5;
	}

	@Override
	public Optional<Panel> panelFor(CurrentAccount account) {
		if (account.role() != Role.CLIENT || consent.hasCurrentConsent(account.id())) {
			return Optional.empty();
		}
		boolean signedBefore = !consent.signaturesOf(account.id()).isEmpty();
		return Optional.of(new Panel("care/panels", "consentPrompt", Map.of("signedBefore", signedBefore)));
	}

}

package org.haven.records.internal;

import java.util.Date;

import org.haven.care.TelehealthConsent;
import org.haven.shared.web.PublicLinks;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every version of the telehealth consent the client signed, as a Consent to treatment
 * whose policy is the practice's published consent document.
 */
@Component
@Order(200)
class ConsentFhir implements FhirSource {

	private final TelehealthConsent consent;

	private final PublicLinks links;

	ConsentFhir(TelehealthConsent consent, PublicLinks links) {
		this.consent = consent;
		this.links = links;
	}

	@Override
	public void addTo(ExportedRecord record) {
		consent.signaturesOf(record.reader().clientId()).forEach(signature -> {
			Consent signed = new Consent();
			signed.setStatus(Consent.ConsentState.ACTIVE);
			signed.setScope(new CodeableConcept(
					new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment")));
			signed.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent"))
				.setText(signature.title()));
			signed.setPatient(record.patient());
			signed.setDateTime(Date.from(signature.signedAt()));
			signed.addPolicy().setUri(links.to("/consent").toString());
			signed.addIdentifier().setSystem("urn:haven:telehealth-consent").setValue("v" + signature.version());
			record.add(signed);
		});
	}

}

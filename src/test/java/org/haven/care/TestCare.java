package org.haven.care;

import java.util.List;
import java.util.UUID;

import org.haven.care.internal.Consents;
import org.haven.care.internal.Intake;
import org.haven.care.internal.Relationships;
import org.springframework.context.ApplicationContext;

/**
 * Clients in care, built through care's own classes the way a client and a therapist do
 * it on the pages: a care request, its acceptance, and the telehealth consent signed. The
 * one place in other modules' tests that knows how care is built; the therapist must
 * already be licensed where the client lives and offer the modalities asked for.
 */
public final class TestCare {

	public static final String CONSENT_TITLE = "Telehealth consent";

	public static final String CONSENT_BODY = "Emergency plan: call your local emergency number.";

	private final Intake intake;

	private final Relationships relationships;

	private final Consents consents;

	private TestCare(ApplicationContext context) {
		this.intake = context.getBean(Intake.class);
		this.relationships = context.getBean(Relationships.class);
		this.consents = context.getBean(Consents.class);
	}

	public static TestCare in(ApplicationContext context) {
		return new TestCare(context);
	}

	/** A pending care request from the client; returns its id. */
	public UUID request(UUID clientId, UUID therapistId, IntakeAnswers answers) {
		return intake.request(clientId, therapistId, new Intake.RequestForm(answers.reason(), answers.modalities(),
				answers.jurisdiction(), answers.location(), answers.emergencyContact()));
	}

	/** The therapist accepts the request; returns the care relationship's id. */
	public UUID accept(UUID therapistId, UUID requestId) {
		return intake.accept(therapistId, requestId, null);
	}

	/** A request and its acceptance; returns the care relationship's id. */
	public UUID startCare(UUID clientId, UUID therapistId, IntakeAnswers answers) {
		return accept(therapistId, request(clientId, therapistId, answers));
	}

	/** Either party ends the relationship, as the care page does. */
	public boolean end(UUID accountId, UUID relationshipId) {
		return relationships.end(accountId, relationshipId);
	}

	/**
	 * Publishes a telehealth consent with the body unless one is published already (the
	 * database is shared by every test).
	 */
	public void publishConsentUnlessPublished(String body) {
		if (consents.current().isEmpty()) {
			consents.publish(null, CONSENT_TITLE, body);
		}
	}

	/** The client signs the current consent (publishing one first if there is none). */
	public void signConsent(UUID clientId, String name) {
		publishConsentUnlessPublished(CONSENT_BODY);
		consents.sign(clientId, consents.current().orElseThrow().version(), name, true, "127.0.0.1");
	}

	/** What a client writes when asking for care. */
	public record IntakeAnswers(String reason, List<String> modalities, String jurisdiction, String location,
			String emergencyContact) {

		/** Asking for video sessions. */
		public static IntakeAnswers video(String reason, String jurisdiction, String location,
				String emergencyContact) {
			return new IntakeAnswers(reason, List.of("VIDEO"), jurisdiction, location, emergencyContact);
		}

	}

}

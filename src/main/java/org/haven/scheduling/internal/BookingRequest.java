package org.haven.scheduling.internal;

/**
 * Who asks for a booking or a move, and so the words of each refusal and the note on the
 * audit record.
 */
enum BookingRequest {

	BOOK("therapist", "You can book once this therapist has accepted you for care.", "consent",
			"Please read and sign the telehealth consent before your first booking.", "This therapist does not offer ",
			"start", null),

	BOOK_FOR_CLIENT("client", "Choose a client who is in your care.", "client",
			"This client has not signed the current telehealth consent yet; Haven asks them when they next sign in.",
			"Your profile does not offer ", "date", "for client"),

	MOVE("therapist", "Care with this therapist has ended, so the session cannot be moved.", null, null, null, "start",
			null);

	final String careField;

	final String notInCare;

	final String consentField;

	final String noConsent;

	final String notOffered;

	final String timeField;

	final String auditNote;

	BookingRequest(String careField, String notInCare, String consentField, String noConsent, String notOffered,
			String timeField, String auditNote) {
		this.careField = careField;
		this.notInCare = notInCare;
		this.consentField = consentField;
		this.noConsent = noConsent;
		this.notOffered = notOffered;
		this.timeField = timeField;
		this.auditNote = auditNote;
	}

}

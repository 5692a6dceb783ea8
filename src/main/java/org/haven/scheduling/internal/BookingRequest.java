package org.haven.scheduling.internal;

/**
 * Who asks for a booking or a move, and so the words of each refusal and the note on the
 * audit record.
 */
record BookingRequest(String careField, String notInCare, String consentField, String noConsent, String notOffered,
		String timeField, String auditNote) {

	static final BookingRequest BOOK = new BookingRequest("therapist",
			"You can book once this therapist has accepted you for care.", "consent",
			"Please read and sign the telehealth consent before your first booking.", "This therapist does not offer ",
			"start", null);

	static final BookingRequest BOOK_FOR_CLIENT = new BookingRequest("client", "Choose a client who is in your care.",
			"client",
			"This client has not signed the current telehealth consent yet; Haven asks them when they next sign in.",
			"Your profile does not offer ", "date", "for client");

	static final BookingRequest MOVE = new BookingRequest("therapist",
			"Care with this therapist has ended, so the session cannot be moved.", null, null, null, "start", null);

	/** A move keeps the terms the session was booked on: no consent or modality check. */
	boolean isMove() {
		return this == MOVE;
	}

	/** The client books for themself; otherwise the therapist books or moves. */
	boolean byClient() {
		return this == BOOK;
	}

}

package org.haven.messaging.internal;

/**
 * The limits of a letter's words and how its line ends are kept: shared by letters as
 * sent and drafts as saved, which both come from the same form.
 */
public final class LetterText {

	public static final int MAX_SUBJECT = 200;

	public static final int MAX_BODY = 100_000;

	private LetterText() {
	}

	/** Line ends as browsers send them from a text area (CR LF) made plain (LF). */
	public static String lines(String text) {
		return text.replace("\r\n", "\n").replace('\r', '\n');
	}

}

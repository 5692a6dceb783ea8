package org.haven.messaging.internal;

import org.haven.messaging.TextMessages;

/**
 * The order of a text's delivery states. Reports of one text may arrive out of order (the
 * texting module hears them on several threads and nodes), so a state that says less than
 * the one stored is dropped rather than shown.
 */
final class TextStates {

	private TextStates() {
	}

	static void check(String state) {
		if (state == null || !TextMessages.TEXT_STATES.contains(state)) {
			throw new IllegalArgumentException("A text's state is one of " + TextMessages.TEXT_STATES);
		}
	}

	/**
	 * Whether {@code to} replaces {@code from}: waiting, then with the network, then an
	 * outcome; one outcome may replace another (a late receipt after UNCONFIRMED).
	 */
	static boolean moves(String from, String to) {
		return from == null || !from.equals(to) && rank(to) >= rank(from);
	}

	private static int rank(String state) {
		return switch (state) {
			case "QUEUED" -> 0;
			case "SUBMITTED" -> 1;
			default -> 2;
		};
	}

}

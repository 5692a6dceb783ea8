package org.haven.directory.internal;

import org.haven.shared.web.Refusal;
import org.haven.shared.text.TextChecks;

/**
 * Free-text checks: trimmed, bounded, and free of control and bidirectional formatting
 * characters.
 */
final class Texts {

	private Texts() {
	}

	static String required(String field, String raw, int max, String what) {
		String value = optional(field, raw, max);
		if (value == null) {
			throw Refusal.of(field, "Enter " + what + ".");
		}
		return value;
	}

	static String optional(String field, String raw, int max) {
		return check(field, raw, max, false);
	}

	static String optionalMultiline(String field, String raw, int max) {
		return check(field, raw, max, true);
	}

	private static String check(String field, String raw, int max, boolean multiline) {
		return TextChecks.field(field, raw, max, multiline);
	}

}

package org.haven.directory.internal;

/** Free-text checks: trimmed, bounded, and free of control and bidirectional formatting characters. */
final class Texts {

	private Texts() {
	}

	static String required(String field, String raw, int max, String what) {
		String value = optional(field, raw, max);
		if (value == null) {
			throw new ProfileRejected(field, "Enter " + what + ".");
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
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip().replace("\r\n", "\n");
		if (value.codePointCount(0, value.length()) > max) {
			throw new ProfileRejected(field, "Use at most " + max + " characters.");
		}
		boolean bad = value.codePoints().anyMatch(cp -> (Character.isISOControl(cp) && !(multiline && (cp == '\n' || cp == '\t')))
				|| (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || cp == 0xFEFF);
		if (bad) {
			throw new ProfileRejected(field, "Remove control or invisible formatting characters.");
		}
		return value;
	}
}

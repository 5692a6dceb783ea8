package org.haven.shared.text;

import org.haven.shared.web.Refusal;

/**
 * Characters no name or free text in Haven may carry: control characters (newlines and
 * tabs only where a text is multi-line) and the invisible formatting marks that reorder
 * or hide text, such as the right-to-left override that makes "Robin\u202Egnp.exe" read
 * as "Robinexe.png".
 */
public final class TextChecks {

	private TextChecks() {
	}

	/**
	 * A person's free text for a form field: trimmed, line ends as {@code \n}, at most
	 * {@code max} characters, no control or invisible formatting characters; null when
	 * nothing was written. Refused with the field named otherwise.
	 */
	public static String field(String field, String raw, int max, boolean multiline) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip().replace("\r\n", "\n");
		if (value.codePointCount(0, value.length()) > max) {
			throw Refusal.of(field, "Use at most " + max + " characters.");
		}
		if (hasForbiddenCharacters(value, multiline)) {
			throw Refusal.of(field, "Remove control or invisible formatting characters.");
		}
		return value;
	}

	public static boolean hasForbiddenCharacters(String text, boolean multiline) {
		return text.codePoints().anyMatch(cp -> forbidden(cp, multiline));
	}

	static boolean forbidden(int cp, boolean multiline) {
		if (Character.isISOControl(cp)) {
			return !(multiline && (cp == '\n' || cp == '\t'));
		}
		return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
				|| cp == 0x061C || cp == 0xFEFF;
	}

	/**
	 * Control characters other than newlines and tabs. For what people write to each
	 * other (chat, letters), where right-to-left marks belong to ordinary Arabic or
	 * Hebrew writing: pages show such texts isolated ({@code dir="auto"},
	 * {@code unicode-bidi: isolate}), so a mark cannot reorder anything outside them.
	 */
	public static boolean hasControlCharacters(String text) {
		return text.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\t');
	}

}

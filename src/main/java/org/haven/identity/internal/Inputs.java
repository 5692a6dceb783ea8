package org.haven.identity.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks shared by every form that takes an email or a name. */
public final class Inputs {

	public static final int MAX_EMAIL = 254;
	public static final int MAX_NAME = 100;
	private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private Inputs() {
	}

	public static String email(String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InputRejected("email", "Enter your email address.");
		}
		String email = raw.trim().toLowerCase(Locale.ROOT);
		if (email.length() > MAX_EMAIL) {
			throw new InputRejected("email", "An email address has at most " + MAX_EMAIL + " characters.");
		}
		if (!EMAIL.matcher(email).matches()) {
			throw new InputRejected("email", "Enter an email address like name@example.org.");
		}
		return email;
	}

	public static String displayName(String raw) {
		if (raw == null || raw.isBlank()) {
			throw new InputRejected("displayName", "Enter the name you want to be called.");
		}
		String name = raw.strip();
		if (name.codePointCount(0, name.length()) > MAX_NAME) {
			throw new InputRejected("displayName", "A name has at most " + MAX_NAME + " characters.");
		}
		if (name.codePoints().anyMatch(Inputs::isControlOrFormatting)) {
			throw new InputRejected("displayName", "A name cannot contain control or invisible formatting characters.");
		}
		if (name.codePoints().noneMatch(Character::isLetterOrDigit)) {
			throw new InputRejected("displayName", "A name needs at least one letter or digit.");
		}
		if (name.indexOf('<') >= 0 || name.indexOf('>') >= 0) {
			throw new InputRejected("displayName", "A name cannot contain < or >.");
		}
		return name;
	}

	/** Control characters and Unicode's bidirectional controls (Bidi_Control), which can disguise a name. */
	private static boolean isControlOrFormatting(int cp) {
		return Character.isISOControl(cp) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
				|| cp == 0x200E || cp == 0x200F || cp == 0x061C || cp == 0xFEFF;
	}
}

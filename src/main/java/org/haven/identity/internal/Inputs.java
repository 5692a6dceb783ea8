package org.haven.identity.internal;

import org.haven.shared.web.Refusal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.haven.shared.text.TextChecks;

/** Checks shared by every form that takes an email or a name. */
public final class Inputs {

	public static final int MAX_EMAIL = 254;

	public static final int MAX_NAME = 100;

	private static final Pattern EMAIL = Pattern.compile(
			"^[^@\\s\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

	private Inputs() {
	}

	public static String email(String raw) {
		if (raw == null || raw.isBlank()) {
			throw Refusal.of("email", "Enter your email address.");
		}
		String email = raw.trim().toLowerCase(Locale.ROOT);
		if (email.length() > MAX_EMAIL) {
			throw Refusal.of("email", "An email address has at most " + MAX_EMAIL + " characters.");
		}
		if (!EMAIL.matcher(email).matches()) {
			throw Refusal.of("email", "Enter an email address like name@example.org.");
		}
		return email;
	}

	public static String displayName(String raw) {
		if (raw == null || raw.isBlank()) {
			throw Refusal.of("displayName", "Enter the name you want to be called.");
		}
		String name = raw.strip();
		if (name.codePointCount(0, name.length()) > MAX_NAME) {
			throw Refusal.of("displayName", "A name has at most " + MAX_NAME + " characters.");
		}
		if (TextChecks.hasForbiddenCharacters(name, false)) {
			throw Refusal.of("displayName", "A name cannot contain control or invisible formatting characters.");
		}
		if (name.codePoints().noneMatch(Character::isLetterOrDigit)) {
			throw Refusal.of("displayName", "A name needs at least one letter or digit.");
		}
		if (name.indexOf('<') >= 0 || name.indexOf('>') >= 0) {
			throw Refusal.of("displayName", "A name cannot contain < or >.");
		}
		return name;
	}

}

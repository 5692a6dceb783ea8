package org.haven.identity.internal;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * At least 12 characters, at most 128, and not one of the 10,000 most common passwords.
 */
@Component
class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	private final CommonPasswords common = CommonPasswords.load();

	/** The problem with a password, or empty if it is acceptable. */
	public Optional<String> problem(String password) {
		if (password == null || password.isEmpty()) {
			return Optional.of("Enter a password.");
		}
		int length = password.codePointCount(0, password.length());
		if (length < MIN_LENGTH) {
			return Optional.of("Use at least " + MIN_LENGTH
					+ " characters. A few unrelated words make a strong, memorable password.");
		}
		if (length > MAX_LENGTH) {
			return Optional.of("Use at most " + MAX_LENGTH + " characters.");
		}
		if (password.chars().anyMatch(c -> Character.isISOControl(c))) {
			return Optional.of("The password contains control characters.");
		}
		if (common.contains(password)) {
			return Optional.of("This password is one of the most commonly used ones. Choose another.");
		}
		return Optional.empty();
	}

}

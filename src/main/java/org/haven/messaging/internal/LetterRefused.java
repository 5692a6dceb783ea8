package org.haven.messaging.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A letter, draft or reply time that was not accepted, with a message per form field.
 * Nothing was stored.
 */
public class LetterRefused extends RuntimeException {

	private final Map<String, String> errors;

	public LetterRefused(Map<String, String> errors) {
		super(String.join(" ", errors.values()));
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
	}

	public LetterRefused(String field, String message) {
		this(Map.of(field, message));
	}

	/** Field name to message, in the order of the form. */
	public Map<String, String> errors() {
		return errors;
	}

}

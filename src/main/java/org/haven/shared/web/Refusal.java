package org.haven.shared.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Input or a step that Haven refuses, with a message for the person by form field (in the
 * order of the form). Nothing was stored. A page shows each message next to its field
 * ({@link OnRefusal}); /api/v1 answers a problem naming the field
 * ({@link RefusalAdvice}); the realtime protocol answers an error frame with the
 * {@link #code()}.
 */
public class Refusal extends RuntimeException {

	private final Map<String, String> errors;

	private final HttpStatus status;

	private final @Nullable String code;

	private Refusal(Map<String, String> errors, HttpStatus status, @Nullable String code) {
		// No stack trace: a refusal is an answer, not a failure, and is thrown often.
		super(String.join(" ", errors.values()), null, false, false);
		if (errors.isEmpty()) {
			throw new IllegalArgumentException("A refusal names at least one field");
		}
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
		this.status = status;
		this.code = code;
	}

	/**
	 * For a refusal of its own name that callers may tell apart (a time just taken), with
	 * the status it answers.
	 */
	protected Refusal(String field, String message, HttpStatus status) {
		this(Map.of(field, message), status, null);
	}

	/** A 400: {@code message} belongs to {@code field}. */
	public static Refusal of(String field, String message) {
		return new Refusal(Map.of(field, message), HttpStatus.BAD_REQUEST, null);
	}

	/** A 400 with a message per field, in the order of the form. */
	public static Refusal of(Map<String, String> errors) {
		return new Refusal(errors, HttpStatus.BAD_REQUEST, null);
	}

	/** Refuses when {@code refused} holds: the one-line form of a rule. */
	public static void when(boolean refused, String field, String message) {
		if (refused) {
			throw of(field, message);
		}
	}

	/**
	 * {@code value} stripped, refused when that leaves nothing: the check every required
	 * text field starts with.
	 */
	public static String required(@Nullable String value, String field, String message) {
		String stripped = value == null ? "" : value.strip();
		when(stripped.isEmpty(), field, message);
		return stripped;
	}

	/** The same refusal answered with another status (404, 409, 413...). */
	public Refusal status(HttpStatus status) {
		return new Refusal(errors, status, code);
	}

	/**
	 * The same refusal with a code for machines (an error frame's code, a problem's code
	 * member) where the status alone is ambiguous.
	 */
	public Refusal code(String code) {
		return new Refusal(errors, status, code);
	}

	/** The same message for another field: a page that names its field differently. */
	public Refusal on(String field) {
		return new Refusal(Map.of(field, getMessage()), status, code);
	}

	/** The first field refused. */
	public String field() {
		return errors.keySet().iterator().next();
	}

	/** Field name to message, in the order of the form. */
	public Map<String, String> errors() {
		return errors;
	}

	public HttpStatus status() {
		return status;
	}

	public @Nullable String code() {
		return code;
	}

}

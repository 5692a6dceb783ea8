package org.haven.shared.realtime;

import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One frame from a browser, already checked for size, rate and shape: a JSON object with
 * a {@code type} of at most 32 characters and an {@code id} of at most 64 (empty when the
 * browser sent none).
 */
public record Frame(String type, String id, JsonNode body) {

	/** The field as a non-empty string of at most {@code max} characters, or null. */
	public String text(String field, int max) {
		JsonNode value = body.get(field);
		return value != null && value.isString() && !value.asString().isEmpty() && value.asString().length() <= max
				? value.asString() : null;
	}

	/** The field as a UUID, or null when it is missing or not one. */
	public UUID uuid(String field) {
		String value = text(field, 36);
		if (value == null) {
			return null;
		}
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The field as a non-negative whole number that fits a long, or null. */
	public Long number(String field) {
		JsonNode value = body.get(field);
		return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0
				? value.asLong() : null;
	}

	public boolean has(String field) {
		return body.has(field) && !body.get(field).isNull();
	}

	public JsonNode get(String field) {
		return body.get(field);
	}
}

package org.haven.scheduling.internal;

/**
 * Availability input that Haven refuses. The message is written for the therapist who
 * typed the input, and {@link #field()} names the input so a form can show the message
 * next to it.
 */
public class InvalidAvailability extends RuntimeException {

	private final String field;

	public InvalidAvailability(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}

package org.haven.identity.internal;

/**
 * Input that breaks a rule; {@code field} names the form field the message belongs to.
 */
public class InputRejected extends RuntimeException {

	private final String field;

	public InputRejected(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}

package org.haven.directory.internal;

/** Profile or search input that breaks a rule; {@code field} names the form field. */
public class ProfileRejected extends RuntimeException {

	private final String field;

	public ProfileRejected(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}

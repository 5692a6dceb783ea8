package org.haven.care.internal;

/** Input or a step that breaks a rule of care; {@code field} names the form field. */
public class CareRejected extends RuntimeException {

	private final String field;

	public CareRejected(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}

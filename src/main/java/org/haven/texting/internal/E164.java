package org.haven.texting.internal;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +14155552671}): the one shape Haven stores, sends
 * to and compares. Only {@link PhoneNumbers} checks that the number exists; this checks
 * the shape, so a malformed value never gets as far as an SMSC.
 *
 * @param value "+", a country code and the number, at most 15 digits in all
 */
public record E164(String value) {

	private static final Pattern SHAPE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

	public E164 {
		if (value == null || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("Not an E.164 phone number");
		}
	}

	/**
	 * Only the last digits: records end up in logs and exception messages, and a client's
	 * phone number there would tell who is in therapy.
	 */
	@Override
	public String toString() {
		return "E164[…" + this.value.substring(this.value.length() - 4) + "]";
	}

}

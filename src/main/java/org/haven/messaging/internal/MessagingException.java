package org.haven.messaging.internal;

/**
 * A refusal with a code for frames and API answers, and words for people. Nothing was
 * stored.
 */
public class MessagingException extends RuntimeException {

	private final String code;

	public MessagingException(String code, String message) {
		super(message);
		this.code = code;
	}

	public String code() {
		return code;
	}

	static MessagingException notFound() {
		return new MessagingException("not-found", "No such conversation or message.");
	}

	static MessagingException closed() {
		return new MessagingException("closed",
				"This care relationship has ended: the conversation can be read and exported, not added to.");
	}

}

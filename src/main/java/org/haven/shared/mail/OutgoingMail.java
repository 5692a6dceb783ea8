package org.haven.shared.mail;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A mail to send. Bodies never carry health data: callers send links, not content.
 *
 * @param to recipient address
 * @param subject subject line
 * @param body plain text
 * @param attachment an optional attachment, e.g. an iCalendar file
 * @param dedupeKey when set, a second mail with the same key is not stored: a notice
 * retried after a crash goes out once
 * @param notAfter when set, a mail still unsent at that time is dropped (a reminder for a
 * session that has begun helps nobody)
 * @param listUnsubscribe when set, the page where the recipient turns such mail off, sent
 * as {@code List-Unsubscribe}: set for notices and reminders, never for account mail a
 * person asked for
 */
public record OutgoingMail(String to, String subject, String body, Attachment attachment, String dedupeKey,
		Instant notAfter, URI listUnsubscribe) {

	public OutgoingMail {
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(body, "body");
	}

	public static OutgoingMail of(String to, String subject, String body) {
		return new OutgoingMail(to, subject, body, null, null, null, null);
	}

	public OutgoingMail withAttachment(Attachment attachment) {
		return new OutgoingMail(to, subject, body, attachment, dedupeKey, notAfter, listUnsubscribe);
	}

	public OutgoingMail once(String key) {
		return new OutgoingMail(to, subject, body, attachment, key, notAfter, listUnsubscribe);
	}

	public OutgoingMail notAfter(Instant deadline) {
		return new OutgoingMail(to, subject, body, attachment, dedupeKey, deadline, listUnsubscribe);
	}

	/**
	 * @param preferences an absolute http(s) link to the page where such mail is turned
	 * off
	 */
	public OutgoingMail unsubscribeAt(URI preferences) {
		return new OutgoingMail(to, subject, body, attachment, dedupeKey, notAfter, preferences);
	}

	/**
	 * @param contentType full MIME type, e.g.
	 * {@code text/calendar; method=PUBLISH; charset=UTF-8}
	 */
	public record Attachment(String filename, String contentType, String content) {
	}
}

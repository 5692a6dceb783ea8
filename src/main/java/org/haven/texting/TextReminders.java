package org.haven.texting;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Reminders by text, for the module that decides what is reminded when. Content-free like
 * the emails: when, never why.
 */
public interface TextReminders {

	/**
	 * Queues a reminder by text when the account has a verified number, chose reminders
	 * by text and did not opt out. One that would arrive between 21:00 and 08:00 in
	 * {@code zone} waits until 08:00; one still unsent at {@code notAfter} (the session's
	 * start) is dropped. Joins the caller's transaction.
	 * @return whether a text was queued
	 */
	boolean remind(UUID accountId, String text, ZoneId zone, Instant notAfter);

}

package org.haven.scheduling;

/**
 * The iCalendar file mailed with an appointment notice.
 *
 * @param method the file's METHOD ({@code PUBLISH} or {@code CANCEL}); the MIME type must
 * carry the same value, or Outlook ignores the file
 * @param text the file, folded at 75 octets with CRLF line ends
 */
public record CalendarInvitation(String method, String text) {

	/**
	 * The MIME type of the attachment, its method parameter matching the file's METHOD.
	 */
	public String contentType() {
		return "text/calendar; method=" + method + "; charset=UTF-8";
	}

	public String filename() {
		return "CANCEL".equals(method) ? "cancel.ics" : "session.ics";
	}
}

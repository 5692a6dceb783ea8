package org.haven.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.haven.scheduling.AppointmentDetails;

/**
 * The words of notices. They say when, how and where to sign in: never a name, a reason
 * for the visit, a diagnosis, a specialty or anything written in a message, since mail
 * crosses servers Haven does not control.
 */
final class NoticeText {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm",
			Locale.ENGLISH);

	private NoticeText() {
	}

	static String when(Instant instant, ZoneId zone) {
		return WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
	}

	static String booked(AppointmentDetails a, boolean forClient, ZoneId zone, String link) {
		return greeting() + "Your " + kind(a) + " with your " + other(forClient) + " is booked for "
				+ when(a.start(), zone) + ".\n\n" + join(link) + "The attached invitation adds it to your calendar.\n"
				+ signature();
	}

	static String changed(AppointmentDetails a, boolean forClient, ZoneId zone, Instant previousStart, String link) {
		return greeting() + "Your " + kind(a) + " with your " + other(forClient) + " has moved from "
				+ when(previousStart, zone) + " to " + when(a.start(), zone) + ".\n\n" + join(link)
				+ "The attached invitation updates your calendar.\n" + signature();
	}

	static String cancelled(AppointmentDetails a, boolean forClient, ZoneId zone, String link) {
		return greeting() + "Your " + kind(a) + " with your " + other(forClient) + " on " + when(a.start(), zone)
				+ " is cancelled.\n\n" + "Sign in to Haven to book another time:\n" + link + "\n\n"
				+ "The attached cancellation removes it from your calendar.\n" + signature();
	}

	static String reminder(AppointmentDetails a, boolean forClient, ZoneId zone, Duration lead, String link) {
		return greeting() + "A reminder: your " + kind(a) + " with your " + other(forClient) + " starts in "
				+ lead(lead) + ", on " + when(a.start(), zone) + ".\n\n" + join(link) + signature();
	}

	/**
	 * A reminder by text: when, in the reader's time zone, and nothing else (a text may
	 * be read by anyone who sees the phone).
	 */
	static String textReminder(Instant start, ZoneId zone, Duration lead) {
		return "Haven: reminder, your session starts in " + lead(lead) + ", on " + when(start, zone)
				+ ". Join from Haven. Reply STOP to stop texts.";
	}

	/**
	 * Word that something is waiting unread in one conversation: from whom only as "your
	 * therapist" or "your client".
	 */
	static String unread(boolean forClient, String link) {
		return unread("There is something new for you from your " + other(forClient) + " in Haven.", link);
	}

	/** Word that something is waiting unread in several conversations. */
	static String unreadInSeveral(String link) {
		return unread("There is something new for you in more than one of your conversations in Haven.", link);
	}

	private static String unread(String what, String link) {
		return greeting() + what + "\n\nSign in to read it:\n" + link + "\n" + signature();
	}

	static String lead(Duration lead) {
		if (lead.toMinutes() % (24 * 60) == 0 && lead.toDays() > 1) {
			return lead.toDays() + " days";
		}
		if (lead.toMinutes() % 60 == 0) {
			long hours = lead.toHours();
			return hours == 1 ? "1 hour" : hours + " hours";
		}
		return lead.toMinutes() + " minutes";
	}

	private static String kind(AppointmentDetails a) {
		return switch (a.modality()) {
			case VIDEO -> "video session";
			case AUDIO -> "audio session";
			case CHAT -> "chat session";
			case LETTERS -> "letter session";
			case SMS -> "text message session";
		};
	}

	private static String other(boolean forClient) {
		return forClient ? "therapist" : "client";
	}

	private static String join(String link) {
		return "Sign in to Haven to see it and, when it is time, to join:\n" + link + "\n\n";
	}

	private static String greeting() {
		return "Hello,\n\n";
	}

	private static String signature() {
		return "\nHaven\n(You can choose which notices you receive under Account, Notifications.)\n";
	}

}

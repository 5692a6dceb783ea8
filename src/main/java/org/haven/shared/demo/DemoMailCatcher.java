package org.haven.shared.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

/**
 * The in-process mail catcher of demo mode (absent otherwise). It reads each mail as a
 * mail client would: the headers a person sees, the text part, and the calendar file,
 * which can be downloaded and opened.
 */
public final class DemoMailCatcher {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final GreenMail greenMail;

	DemoMailCatcher(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	public boolean running() {
		return greenMail != null;
	}

	/** Newest first. */
	public List<CaughtMail> messages() {
		if (greenMail == null) {
			return List.of();
		}
		MimeMessage[] received = greenMail.getReceivedMessages();
		List<CaughtMail> result = new ArrayList<>();
		for (int number = 0; number < received.length; number++) {
			result.add(0, read(number, received[number]));
		}
		return result;
	}

	/**
	 * The calendar file of the mail with this number (its place in arrival order), if it
	 * has one.
	 */
	public Optional<CalendarFile> calendar(int number) {
		if (greenMail == null) {
			return Optional.empty();
		}
		MimeMessage[] received = greenMail.getReceivedMessages();
		if (number < 0 || number >= received.length) {
			return Optional.empty();
		}
		try {
			return calendarPart(received[number]).map(DemoMailCatcher::file);
		}
		catch (MessagingException | IOException ex) {
			return Optional.empty();
		}
	}

	private static CaughtMail read(int number, MimeMessage message) {
		try {
			Address[] to = message.getAllRecipients();
			Address[] from = message.getFrom();
			String sent = message.getSentDate() == null ? null
					: DateTimeFormatter.ISO_INSTANT.format(message.getSentDate().toInstant());
			String shown = message.getSentDate() == null ? "" : SHOWN.format(message.getSentDate().toInstant());
			String calendarName = calendarPart(message).map(DemoMailCatcher::filename).orElse(null);
			return new CaughtMail(number, message.getSubject(), addresses(from), addresses(to), sent, shown,
					text(message).orElse("(no text part)"), calendarName);
		}
		catch (MessagingException | IOException ex) {
			return new CaughtMail(number, "(unreadable message)", "", "", null, "", "", null);
		}
	}

	private static String addresses(Address[] addresses) {
		return addresses == null ? "" : String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
	}

	/** The first plain-text part that is not an attachment, decoded. */
	private static Optional<String> text(Part part) throws MessagingException, IOException {
		Optional<Part> text = firstPart(part,
				p -> p.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition()));
		return text.isPresent() ? Optional.of(String.valueOf(text.get().getContent())) : Optional.empty();
	}

	private static Optional<Part> calendarPart(Part part) throws MessagingException, IOException {
		return firstPart(part, p -> p.isMimeType("text/calendar"));
	}

	private interface PartTest {

		boolean test(Part part) throws MessagingException;

	}

	/**
	 * The first part, depth first, that passes the test: the part itself or one inside
	 * its multiparts.
	 */
	private static Optional<Part> firstPart(Part part, PartTest wanted) throws MessagingException, IOException {
		if (wanted.test(part)) {
			return Optional.of(part);
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				Optional<Part> found = firstPart(multipart.getBodyPart(i), wanted);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

	private static String filename(Part part) {
		try {
			String name = part.getFileName();
			// Only a plain file name reaches the page and the download's
			// Content-Disposition.
			return name != null && name.matches("[A-Za-z0-9._-]{1,100}") ? name : "calendar.ics";
		}
		catch (MessagingException ex) {
			return "calendar.ics";
		}
	}

	private static CalendarFile file(Part part) {
		try (InputStream in = part.getInputStream()) {
			return new CalendarFile(filename(part), method(part.getContentType()), in.readAllBytes());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException("The calendar part could not be read", ex);
		}
	}

	private static String method(String contentType) {
		try {
			String method = new ContentType(contentType).getParameter("method");
			return method != null && method.matches("[A-Za-z-]{1,20}") ? method : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	void stop() {
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	/**
	 * @param number the mail's place in arrival order, which names it in the download
	 * link
	 * @param sent the Date header as an ISO instant, null if the mail has none
	 * @param calendarName the calendar file's name, null if the mail has none
	 */
	public record CaughtMail(int number, String subject, String from, String to, String sent, String sentShown,
			String text, String calendarName) {
	}

	/**
	 * @param method the MIME type's method parameter (PUBLISH, CANCEL), null if absent
	 */
	public record CalendarFile(String filename, String method, byte[] content) {
	}

}

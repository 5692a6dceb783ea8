package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.haven.support.CalendarRules;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Reads the iCalendar attachment of a mail back with ical4j, as a mail client would, and
 * checks it by {@link CalendarRules}.
 */
record MailedCalendar(String text, String contentType, Calendar calendar) {

	static MailedCalendar of(MimeMessage mail) {
		try {
			MimeMultipart multipart = (MimeMultipart) mail.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart part = multipart.getBodyPart(i);
				if (part.getFileName() != null && part.getFileName().endsWith(".ics")) {
					try (InputStream in = part.getInputStream()) {
						String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
						MailedCalendar calendar = new MailedCalendar(text, part.getContentType(),
								CalendarRules.check(text));
						// Outlook ignores a calendar whose MIME method differs from the
						// file's METHOD.
						assertThat(calendar.contentType()).contains("method=" + calendar.method());
						return calendar;
					}
				}
			}
			throw new AssertionError("The mail has no .ics attachment");
		}
		catch (IOException | MessagingException ex) {
			throw new AssertionError("The invitation could not be read", ex);
		}
	}

	String method() {
		return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
	}

	VEvent event() {
		return calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
	}

	String event(String property) {
		return event().getProperty(property).orElseThrow().getValue();
	}

	String startZone() {
		return event().getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue();
	}
}

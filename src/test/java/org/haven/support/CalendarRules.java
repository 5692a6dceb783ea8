package org.haven.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * What every calendar Haven writes must satisfy, checked the way strict clients (ical.js,
 * node-ical, Outlook) read it: RFC 5545 line folding and line ends, ical4j's validation
 * including the iTIP (RFC 5546) rules of its METHOD, one DTSTAMP per event, and nothing
 * that asks for a reply (no METHOD:REQUEST, no RSVP=TRUE).
 */
public final class CalendarRules {

	private CalendarRules() {
	}

	/** Checks the text and returns it parsed. */
	public static Calendar check(String text) {
		assertThat(text).as("content lines end with CRLF").endsWith("\r\n");
		String[] lines = text.split("\r\n", -1);
		for (String line : List.of(lines).subList(0, lines.length - 1)) {
			assertThat(line).as("no bare line feed or carriage return").doesNotContain("\n").doesNotContain("\r");
			assertThat(line.getBytes(StandardCharsets.UTF_8).length).as("octets in line: %s", line)
				.isLessThanOrEqualTo(75);
		}
		Calendar calendar;
		try {
			calendar = new CalendarBuilder().build(new StringReader(text));
		}
		catch (IOException | ParserException ex) {
			throw new AssertionError("The calendar could not be read: " + text, ex);
		}
		ValidationResult result;
		try {
			result = calendar.validate();
		}
		catch (ValidationException ex) {
			throw new AssertionError("ical4j refused the calendar: " + text, ex);
		}
		assertThat(result.hasErrors()).as("ical4j validation: %s%n%s", result, text).isFalse();
		// Haven never expects a reply: a REQUEST would make clients offer Accept and
		// Decline that go nowhere.
		assertThat(method(calendar)).as("METHOD").isIn("PUBLISH", "CANCEL");
		List<VEvent> events = calendar.getComponents(Component.VEVENT);
		assertThat(events).as("events").isNotEmpty();
		for (VEvent event : events) {
			assertThat(event.getProperties(Property.DTSTAMP)).as("DTSTAMP in %s", event).hasSize(1);
			assertThat(event.getProperties(Property.UID)).as("UID").hasSize(1);
			assertThat(event.<Property>getProperties(Property.ATTENDEE)).as("no attendee is asked to reply")
				.allSatisfy(attendee -> assertThat(attendee.getParameter("RSVP").map(p -> p.getValue()).orElse("FALSE"))
					.isEqualToIgnoringCase("FALSE"));
		}
		return calendar;
	}

	public static String method(Calendar calendar) {
		return calendar.getProperty(Property.METHOD).orElseThrow().getValue();
	}

	public static VEvent event(Calendar calendar) {
		List<VEvent> events = calendar.getComponents(Component.VEVENT);
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	public static String value(VEvent event, String property) {
		return event.getProperty(property).orElseThrow().getValue();
	}

	/** A later message about the same event: the same UID, a strictly higher SEQUENCE. */
	public static void assertUpdates(Calendar later, Calendar earlier) {
		VEvent before = event(earlier);
		VEvent after = event(later);
		assertThat(value(after, Property.UID)).as("UID").isEqualTo(value(before, Property.UID));
		assertThat(Integer.parseInt(value(after, Property.SEQUENCE))).as("SEQUENCE")
			.isGreaterThan(Integer.parseInt(value(before, Property.SEQUENCE)));
	}

}

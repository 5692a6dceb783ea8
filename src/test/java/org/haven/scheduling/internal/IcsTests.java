package org.haven.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.support.CalendarRules.check;
import static org.haven.support.CalendarRules.event;
import static org.haven.support.CalendarRules.method;
import static org.haven.support.CalendarRules.value;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.CalendarInvitation;
import org.haven.support.CalendarRules;
import org.junit.jupiter.api.Test;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * Every calendar Haven writes, checked against RFC 5545 and 5546 with ical4j's validator
 * and the rules clients rely on.
 */
class IcsTests {

	private static final Ics.Sender HAVEN = new Ics.Sender("no-reply@care.example.org", "Haven");

	private static final String HOST = "care.example.org";

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	private final UUID id = UUID.randomUUID();

	private final UUID client = UUID.randomUUID();

	private final UUID therapist = UUID.randomUUID();

	@Test
	void aBookingMovingAndCancellingAreOneEventWithARisingSequenceThatNoOneIsAskedToAnswer() {
		Instant start = Instant.parse("2027-03-10T15:00:00Z");
		AppointmentDetails booked = appointment(id, start, false, 0);
		AppointmentDetails moved = appointment(id, start.plus(Duration.ofDays(1)), false, 1);
		AppointmentDetails cancelled = appointment(id, start.plus(Duration.ofDays(1)), true, 2);

		CalendarInvitation first = notice(booked);
		CalendarInvitation second = notice(moved);
		CalendarInvitation third = notice(cancelled);
		Calendar published = check(first.text());
		Calendar republished = check(second.text());
		Calendar cancellation = check(third.text());

		assertThat(first.method()).isEqualTo("PUBLISH").isEqualTo(method(published));
		assertThat(first.contentType()).isEqualTo("text/calendar; method=PUBLISH; charset=UTF-8");
		VEvent event = event(published);
		assertThat(value(event, Property.UID)).isEqualTo(id + "@care.example.org");
		assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
		assertThat(value(event, Property.DTSTAMP)).isEqualTo("20270301T090000Z");
		assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(value(event, Property.ORGANIZER)).isEqualTo("mailto:no-reply@care.example.org");
		assertThat(event.getProperties(Property.ATTENDEE)).as("a published event has no attendees (RFC 5546 3.2.1)")
			.isEmpty();
		assertThat(first.text()).doesNotContain("RSVP=TRUE")
			.doesNotContain("PARTSTAT")
			.doesNotContain("METHOD:REQUEST");

		assertThat(method(republished)).isEqualTo("PUBLISH");
		CalendarRules.assertUpdates(republished, published);

		assertThat(third.method()).isEqualTo("CANCEL").isEqualTo(method(cancellation));
		assertThat(third.contentType()).isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
		assertThat(third.filename()).isEqualTo("cancel.ics");
		CalendarRules.assertUpdates(cancellation, republished);
		assertThat(value(event(cancellation), Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(event(cancellation), Property.ATTENDEE)).isEqualTo("mailto:client@example.org");
	}

	@Test
	void aLongJoinLinkIsFoldedAndReadBackWhole() {
		URI longLink = URI
			.create("https://" + "very-long-subdomain-name.".repeat(6) + "example.org/appointments/" + id);
		AppointmentDetails booked = appointment(id, Instant.parse("2027-03-10T15:00:00Z"), false, 0);
		String text = Ics.notice(booked, longLink, HAVEN, "client@example.org", HOST, NOW).text();
		assertThat(text).contains("\r\n ");
		assertThat(value(event(check(text)), Property.URL)).isEqualTo(longLink.toString());
	}

	@Test
	void aSenderNameInAnyScriptIsFoldedWithin75OctetsAndReadBackWhole() {
		String name = "Praxis für Psychotherapie Müller-Lüdenscheidt, Ärztehaus am Öresund 心理治疗";
		AppointmentDetails booked = appointment(id, Instant.parse("2027-03-10T15:00:00Z"), false, 0);
		String text = Ics
			.notice(booked, URI.create("https://care.example.org/appointments/" + id),
					new Ics.Sender("no-reply@care.example.org", name), "client@example.org", HOST, NOW)
			.text();
		assertThat(event(check(text)).getProperty(Property.ORGANIZER)
			.orElseThrow()
			.getParameter("CN")
			.orElseThrow()
			.getValue()).isEqualTo(name);

		String quoted = Ics
			.notice(booked, URI.create("https://care.example.org/appointments/" + id),
					new Ics.Sender("no-reply@care.example.org", "The \"Haven\" practice\n"), "client@example.org", HOST,
					NOW)
			.text();
		assertThat(event(check(quoted)).getProperty(Property.ORGANIZER)
			.orElseThrow()
			.getParameter("CN")
			.orElseThrow()
			.getValue()).isEqualTo("The Haven practice");
	}

	@Test
	void aFeedOfSeveralSessionsAndAWeeklySeriesAcrossTwoZonesIsValid() {
		List<AppointmentDetails> sessions = new ArrayList<>();
		Series weekly = new Series(LocalDateTime.parse("2027-03-08T10:00"), Series.Repeat.WEEKLY, 4);
		for (Instant start : weekly.starts(NEW_YORK)) {
			sessions.add(appointment(UUID.randomUUID(), start, false, 0));
		}
		sessions.add(appointment(UUID.randomUUID(), Instant.parse("2027-03-20T08:00:00Z"), true, 1));
		sessions.add(new AppointmentDetails(UUID.randomUUID(), client, UUID.randomUUID(), Modality.AUDIO,
				Instant.parse("2027-03-21T08:00:00Z"), Instant.parse("2027-03-21T08:50:00Z"), false, 3,
				ZoneId.of("Europe/Berlin")));
		sessions.add(new AppointmentDetails(UUID.randomUUID(), client, UUID.randomUUID(), Modality.AUDIO,
				Instant.parse("2027-03-22T08:00:00Z"), Instant.parse("2027-03-22T08:50:00Z"), false, 0,
				ZoneId.of("UTC")));

		String text = Ics.feed(sessions, a -> URI.create("https://care.example.org/appointments/" + a.id()), HAVEN,
				HOST, NOW);
		Calendar feed = check(text);
		assertThat(method(feed)).isEqualTo("PUBLISH");
		List<VEvent> events = feed.getComponents(Component.VEVENT);
		assertThat(events).extracting(e -> value(e, Property.UID))
			.containsExactlyElementsOf(sessions.stream().map(a -> a.id() + "@care.example.org").toList());
		assertThat(feed.getComponents(Component.VTIMEZONE)).hasSize(2);
		// The series keeps 10:00 on the therapist's clock across the change to summer
		// time on 14 March.
		assertThat(events.subList(0, 4)).extracting(e -> value(e, Property.DTSTART))
			.containsExactly("20270308T100000", "20270315T100000", "20270322T100000", "20270329T100000");
		assertThat(text).doesNotContain("ATTENDEE");
	}

	private CalendarInvitation notice(AppointmentDetails appointment) {
		return Ics.notice(appointment, URI.create("https://care.example.org/appointments/" + appointment.id()), HAVEN,
				"client@example.org", HOST, NOW);
	}

	private AppointmentDetails appointment(UUID appointmentId, Instant start, boolean cancelled, int sequence) {
		return new AppointmentDetails(appointmentId, client, therapist, Modality.VIDEO, start,
				start.plus(Duration.ofMinutes(50)), cancelled, sequence, NEW_YORK);
	}

}

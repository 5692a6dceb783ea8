package org.haven.scheduling.internal;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.haven.scheduling.AppointmentDetails;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * iCalendar text for invitations and feeds, written with ical4j. An event says "Haven session" and carries
 * the link to sign in and join: never a name, a reason for the visit or anything else clinical. Times carry
 * the session's home zone as TZID with its VTIMEZONE, so calendars show them right across clock changes.
 */
final class Ics {

	static final String SUMMARY = "Haven session";
	private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

	private Ics() {
	}

	/** An invitation (METHOD:REQUEST) or, for a cancelled appointment, its cancellation (METHOD:CANCEL). */
	static String invitation(AppointmentDetails appointment, URI joinLink, String organizerEmail, String attendeeEmail, Instant now) {
		Calendar calendar = calendar();
		calendar.add(appointment.cancelled() ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
		VEvent event = event(appointment, joinLink, now);
		event.add(new Organizer(URI.create("mailto:" + organizerEmail)));
		event.add(new Attendee(URI.create("mailto:" + attendeeEmail)));
		calendar.add(event);
		addZone(calendar, appointment.therapistZone());
		return calendar.toString();
	}

	/** A feed of appointments (METHOD:PUBLISH), for a calendar application to subscribe to. */
	static String feed(List<AppointmentDetails> appointments, java.util.function.Function<AppointmentDetails, URI> joinLink, Instant now) {
		Calendar calendar = calendar();
		calendar.add(ImmutableMethod.PUBLISH);
		appointments.forEach(a -> calendar.add(event(a, joinLink.apply(a), now)));
		appointments.stream().map(AppointmentDetails::therapistZone).distinct().forEach(zone -> addZone(calendar, zone));
		return calendar.toString();
	}

	private static Calendar calendar() {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Haven//Haven sessions//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		return calendar;
	}

	private static VEvent event(AppointmentDetails appointment, URI joinLink, Instant now) {
		ZoneId zone = appointment.therapistZone();
		VEvent event = new VEvent(ZonedDateTime.ofInstant(appointment.start(), zone), ZonedDateTime.ofInstant(appointment.end(), zone), SUMMARY);
		event.add(new Uid(appointment.id() + "@haven"));
		event.add(new DtStamp(now));
		event.add(new Sequence(appointment.sequence()));
		event.add(appointment.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
		event.add(new Url(joinLink));
		event.add(new Description("Sign in to Haven to join: " + joinLink));
		return event;
	}

	private static void addZone(Calendar calendar, ZoneId zone) {
		if (zone.getId().equals("UTC") || zone.getId().equals("Z")) {
			return;
		}
		VTimeZone vtimezone = ZONES.getTimeZone(zone.getId()).getVTimeZone();
		calendar.add(vtimezone);
	}
}

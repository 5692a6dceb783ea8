package org.haven.scheduling.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.CalendarInvitation;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Rsvp;
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
import net.fortuna.ical4j.validate.ValidationException;

/**
 * iCalendar text for mailed notices and feeds, written with ical4j. An event says "Haven
 * session" and carries the link to sign in and join: never a name, a reason for the visit
 * or anything else clinical. Times carry the session's home zone as TZID with its
 * VTIMEZONE, so calendars show them right across clock changes.
 *
 * <p>
 * A notice is not a meeting request. Haven books the session; nobody has to accept it,
 * and the organizer is a no-reply address, so an Accept or Decline would go nowhere. RFC
 * 5546 (iTIP) 3.2.1 has the method for that: {@code PUBLISH}, "an unsolicited posting"
 * with an ORGANIZER and no ATTENDEE, which mail clients offer to add to the calendar
 * without Accept and Decline buttons. A later PUBLISH with the same UID and a higher
 * SEQUENCE moves it. For a cancellation 3.2.1 names {@code CANCEL} ("the Organizer may
 * subsequently update (with another PUBLISH) ... or cancel (with a CANCEL method) a
 * previously published VEVENT"), with the same UID, a higher SEQUENCE and
 * STATUS:CANCELLED; 3.2.5 asks a CANCEL of a whole event to name the attendees, so it
 * names the recipient (RSVP=FALSE: a CANCEL is never answered). CANCEL is the scheduling
 * message clients act on to remove the event they hold (Outlook only when the MIME type's
 * method says CANCEL too); a PUBLISH with STATUS:CANCELLED reads as an import of a
 * cancelled event, which clients do not reliably match with the one they hold, so it is
 * not used.
 *
 * <p>
 * Text is written by {@link CalendarOutputter}, which ends each line with CRLF (RFC 5545
 * 3.1), and folded within 75 octets; {@code Calendar.toString()} does not fold at all.
 */
final class Ics {

	static final String SUMMARY = "Haven session";

	/** The longest content line RFC 5545 allows, line break excluded. */
	private static final int MAX_OCTETS = 75;

	private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

	private Ics() {
	}

	/** Who sends the notices: the mail sender, with its display name as CN. */
	record Sender(String address, String name) {
	}

	/**
	 * The file mailed with a notice: PUBLISH while the appointment stands, CANCEL once it
	 * is cancelled.
	 * @param host the host of Haven's public address, which makes UIDs unique across
	 * installations
	 */
	static CalendarInvitation notice(AppointmentDetails appointment, URI joinLink, Sender organizer,
			String attendeeEmail, String host, Instant now) {
		Calendar calendar = calendar();
		VEvent event = event(appointment, joinLink, organizer, host, now);
		if (appointment.cancelled()) {
			calendar.add(ImmutableMethod.CANCEL);
			event.add(new Attendee(new ParameterList(List.of(Rsvp.FALSE)), URI.create("mailto:" + attendeeEmail)));
		}
		else {
			calendar.add(ImmutableMethod.PUBLISH);
		}
		calendar.add(event);
		addZone(calendar, appointment.therapistZone());
		return new CalendarInvitation(appointment.cancelled() ? "CANCEL" : "PUBLISH", text(calendar));
	}

	/**
	 * A feed of appointments (METHOD:PUBLISH), for a calendar application to subscribe
	 * to. A cancelled session stays in it as STATUS:CANCELLED for a while, so that a
	 * calendar that fetched it before drops it.
	 */
	static String feed(List<AppointmentDetails> appointments, Function<AppointmentDetails, URI> joinLink,
			Sender organizer, String host, Instant now) {
		Calendar calendar = calendar();
		calendar.add(ImmutableMethod.PUBLISH);
		appointments.forEach(a -> calendar.add(event(a, joinLink.apply(a), organizer, host, now)));
		appointments.stream()
			.map(AppointmentDetails::therapistZone)
			.distinct()
			.forEach(zone -> addZone(calendar, zone));
		return text(calendar);
	}

	/**
	 * The same for every message about one appointment, so each updates (or removes) the
	 * one event.
	 */
	static String uid(UUID appointmentId, String host) {
		return appointmentId + "@" + host;
	}

	private static Calendar calendar() {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Haven//Haven sessions//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		return calendar;
	}

	private static VEvent event(AppointmentDetails appointment, URI joinLink, Sender organizer, String host,
			Instant now) {
		ZoneId zone = appointment.therapistZone();
		VEvent event = new VEvent(ZonedDateTime.ofInstant(appointment.start(), zone),
				ZonedDateTime.ofInstant(appointment.end(), zone), SUMMARY);
		// The constructor stamped the event with the wall clock; RFC 5545 allows one
		// DTSTAMP, from Haven's clock.
		event.replace(new DtStamp(now));
		event.add(new Uid(uid(appointment.id(), host)));
		event.add(new Sequence(appointment.sequence()));
		event.add(organizer(organizer));
		event.add(appointment.cancelled() ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
		event.add(new Url(joinLink));
		event.add(new Description("Sign in to Haven to join: " + joinLink));
		return event;
	}

	private static Organizer organizer(Sender sender) {
		URI address = URI.create("mailto:" + sender.address());
		// A parameter value cannot hold a double quote or a control character (RFC 5545
		// 3.1): they are dropped.
		String name = sender.name() == null ? "" : sender.name().replaceAll("[\"\\p{Cntrl}]", "").strip();
		return name.isEmpty() ? new Organizer(address)
				: new Organizer(new ParameterList(List.of(new Cn(name))), address);
	}

	private static void addZone(Calendar calendar, ZoneId zone) {
		if (zone.getId().equals("UTC") || zone.getId().equals("Z")) {
			return;
		}
		VTimeZone vtimezone = ZONES.getTimeZone(zone.getId()).getVTimeZone();
		calendar.add(vtimezone);
	}

	private static String text(Calendar calendar) {
		StringWriter out = new StringWriter();
		try {
			// Not validating here: a calendar ical4j would quibble with must still go
			// out; the tests validate.
			new CalendarOutputter(false).output(calendar, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ValidationException ex) {
			throw new IllegalStateException(ex);
		}
		return foldOctets(out.toString());
	}

	/**
	 * Folds every content line within 75 octets of UTF-8 (RFC 5545 3.1), between
	 * characters, never inside one. ical4j folds after 73 characters, which a line with
	 * letters outside ASCII (the sender's name in CN) exceeds in octets; so its folds are
	 * undone and the lines folded again by octets.
	 */
	static String foldOctets(String text) {
		String unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
		StringBuilder folded = new StringBuilder(text.length() + 64);
		for (String line : unfolded.split("\r\n")) {
			int octets = 0;
			for (int i = 0; i < line.length();) {
				int codePoint = line.codePointAt(i);
				int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
				if (octets + size > MAX_OCTETS) {
					folded.append("\r\n ");
					octets = 1;
				}
				folded.appendCodePoint(codePoint);
				octets += size;
				i += Character.charCount(codePoint);
			}
			folded.append("\r\n");
		}
		return folded.toString();
	}

}

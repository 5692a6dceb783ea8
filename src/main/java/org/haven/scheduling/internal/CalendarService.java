package org.haven.scheduling.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.scheduling.CalendarInvitation;
import org.haven.shared.mail.MailProperties;
import org.haven.shared.web.PublicLinks;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

@Service
@EnableConfigurationProperties(SchedulingProperties.class)
class CalendarService implements Appointments {

	private final AppointmentStore store;

	private final Availability availability;

	private final PublicLinks links;

	private final Ics.Sender organizer;

	private final String host;

	private final Clock clock;

	CalendarService(AppointmentStore store, Availability availability, PublicLinks links, MailProperties mail,
			Clock clock) {
		this.store = store;
		this.availability = availability;
		this.links = links;
		this.organizer = sender(mail.from());
		this.host = links.to("/").getHost();
		this.clock = clock;
	}

	@Override
	public Optional<AppointmentDetails> find(UUID appointmentId) {
		return store.findAny(appointmentId).map(this::details);
	}

	@Override
	public List<AppointmentDetails> ofClient(UUID clientId) {
		return details(
				store.since(clientId, Instant.EPOCH).stream().filter(a -> a.clientId().equals(clientId)).toList());
	}

	@Override
	public List<AppointmentDetails> pastSessionsOf(UUID therapistId, Instant before) {
		return details(store.pastOf(therapistId, before));
	}

	@Override
	public URI joinLink(UUID appointmentId) {
		return links.to("/appointments/" + appointmentId);
	}

	@Override
	public CalendarInvitation invitation(AppointmentDetails appointment, String attendeeEmail) {
		return Ics.notice(appointment, joinLink(appointment.id()), organizer, attendeeEmail, host, clock.instant());
	}

	/**
	 * A feed (METHOD:PUBLISH) of the account's appointments from {@code from} on.
	 */
	String feed(UUID accountId, Instant from) {
		return Ics.feed(details(store.since(accountId, from)), a -> joinLink(a.id()), organizer, host, clock.instant());
	}

	/** Each zone looked up once however many sessions share it. */
	private List<AppointmentDetails> details(List<Appointment> appointments) {
		Map<UUID, ZoneId> zones = new HashMap<>();
		return appointments.stream()
			.map(a -> details(a, zones.computeIfAbsent(a.therapistId(), this::zoneOf)))
			.toList();
	}

	AppointmentDetails details(Appointment a) {
		return details(a, zoneOf(a.therapistId()));
	}

	private ZoneId zoneOf(UUID therapistId) {
		return availability.zoneOf(therapistId).orElse(ZoneId.of("UTC"));
	}

	private static AppointmentDetails details(Appointment a, ZoneId zone) {
		return new AppointmentDetails(a.id(), a.clientId(), a.therapistId(), Modality.valueOf(a.modality()), a.start(),
				a.end(), !a.booked(), a.sequence(), zone);
	}

	private static Ics.Sender sender(String from) {
		try {
			InternetAddress address = new InternetAddress(from);
			return new Ics.Sender(address.getAddress(), address.getPersonal());
		}
		catch (AddressException ex) {
			throw new IllegalStateException("haven.mail.from is not a mail address", ex);
		}
	}

}

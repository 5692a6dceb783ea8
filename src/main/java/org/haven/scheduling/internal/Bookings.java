package org.haven.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.care.TelehealthConsent;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.scheduling.AppointmentBooked;
import org.haven.scheduling.AppointmentCancelled;
import org.haven.scheduling.AppointmentChanged;
import org.haven.scheduling.AppointmentStatus;
import org.haven.shared.time.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking and cancelling. A client books a free slot of a therapist they are in care
 * with, in a modality the therapist offers, once they have signed the current telehealth
 * consent. The claim table's primary key (therapist, start) lets only one of any number
 * of concurrent bookings of a slot succeed.
 */
@Service
public class Bookings {

	private final JdbcClient jdbc;

	private final Availability availability;

	private final CareRelationships care;

	private final TelehealthConsent consent;

	private final TherapistDirectory directory;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final SchedulingProperties properties;

	private final Clock clock;

	Bookings(JdbcClient jdbc, Availability availability, CareRelationships care, TelehealthConsent consent,
			TherapistDirectory directory, AuditTrail audit, ApplicationEventPublisher events,
			SchedulingProperties properties, Clock clock) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.availability = availability;
		this.care = care;
		this.consent = consent;
		this.directory = directory;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public UUID book(UUID clientId, UUID therapistId, Instant start, String rawModality) {
		UUID relationship = care.active(clientId, therapistId)
			.orElseThrow(() -> new InvalidAvailability("therapist",
					"You can book once this therapist has accepted you for care."));
		if (!consent.hasCurrentConsent(clientId)) {
			throw new InvalidAvailability("consent",
					"Please read and sign the telehealth consent before your first booking.");
		}
		Modality modality = Modality.parse(rawModality)
			.orElseThrow(() -> new InvalidAvailability("modality",
					"Unknown modality: choose video, audio, chat, letters or SMS."));
		if (!directory.offers(therapistId, modality)) {
			throw new InvalidAvailability("modality",
					"This therapist does not offer " + modality.label().toLowerCase() + ".");
		}
		if (start == null || !start.isAfter(clock.instant())) {
			throw new InvalidAvailability("start", "That time is in the past.");
		}
		Slot slot = freeSlot(therapistId, start);
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql(
					"insert into appointment_claim (therapist_id, starts_at, appointment_id) values (:therapist, :start, :id)")
				.param("therapist", therapistId)
				.param("start", Timestamps.utc(slot.start()))
				.param("id", id)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new SlotTaken();
		}
		jdbc.sql(
				"""
						insert into appointment (id, therapist_id, client_id, relationship_id, modality, starts_at, ends_at, status,
						booked_by, created_at) values (:id, :therapist, :client, :relationship, :modality, :start, :end, :status, :by, :now)""")
			.param("id", id)
			.param("status", AppointmentStatus.BOOKED.name())
			.param("therapist", therapistId)
			.param("client", clientId)
			.param("relationship", relationship)
			.param("modality", modality.name())
			.param("start", Timestamps.utc(slot.start()))
			.param("end", Timestamps.utc(slot.end()))
			.param("by", clientId)
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(clientId), "APPOINTMENT_BOOKED", "appointment:" + id);
		events.publishEvent(new AppointmentBooked(id, clientId, therapistId, slot.start()));
		return id;
	}

	/**
	 * A therapist books one session or a weekly or fortnightly series for a client in
	 * their care, all or nothing: if any session's time is not free (outside their weekly
	 * times, on time off, or taken), nothing is booked and the error names those dates.
	 * Minimum notice and the clients' booking horizon do not apply.
	 */
	@Transactional
	public List<UUID> bookFor(UUID therapistId, UUID clientId, Series series, String rawModality) {
		UUID relationship = (clientId == null ? Optional.<UUID>empty() : care.active(clientId, therapistId))
			.orElseThrow(() -> new InvalidAvailability("client", "Choose a client who is in your care."));
		if (!consent.hasCurrentConsent(clientId)) {
			throw new InvalidAvailability("client",
					"This client has not signed the current telehealth consent yet; Haven asks them when they next sign in.");
		}
		Modality modality = Modality.parse(rawModality)
			.orElseThrow(() -> new InvalidAvailability("modality",
					"Unknown modality: choose video, audio, chat, letters or SMS."));
		if (!directory.offers(therapistId, modality)) {
			throw new InvalidAvailability("modality",
					"Your profile does not offer " + modality.label().toLowerCase() + ".");
		}
		java.time.ZoneId zone = availability.zoneOf(therapistId)
			.orElseThrow(() -> new InvalidAvailability("date", "Set your time zone on your profile first."));
		List<Instant> starts = series.starts(zone);
		if (!starts.get(0).isAfter(clock.instant())) {
			throw new InvalidAvailability("date", "That time is in the past.");
		}
		java.util.Map<Instant, Slot> free = new java.util.HashMap<>();
		availability.freeSlotsForTherapist(therapistId).forEach(slot -> free.put(slot.start(), slot));
		List<String> notFree = starts.stream()
			.filter(start -> !free.containsKey(start))
			.map(start -> java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", java.util.Locale.ENGLISH)
				.format(start.atZone(zone)))
			.toList();
		if (!notFree.isEmpty()) {
			throw new InvalidAvailability("date",
					"Nothing was booked: not free in your calendar on " + String.join(", ", notFree) + ".");
		}
		UUID seriesId = starts.size() > 1 ? UUID.randomUUID() : null;
		List<UUID> ids = new java.util.ArrayList<>();
		for (Instant start : starts) {
			Slot slot = free.get(start);
			UUID id = UUID.randomUUID();
			try {
				jdbc.sql(
						"insert into appointment_claim (therapist_id, starts_at, appointment_id) values (:therapist, :start, :id)")
					.param("therapist", therapistId)
					.param("start", Timestamps.utc(slot.start()))
					.param("id", id)
					.update();
			}
			catch (DuplicateKeyException ex) {
				throw new SlotTaken();
			}
			jdbc.sql(
					"""
							insert into appointment (id, therapist_id, client_id, relationship_id, modality, starts_at, ends_at, status,
							booked_by, created_at, series_id) values (:id, :therapist, :client, :relationship, :modality, :start, :end, :status,
							:by, :now, :series)""")
				.param("id", id)
				.param("status", AppointmentStatus.BOOKED.name())
				.param("therapist", therapistId)
				.param("client", clientId)
				.param("relationship", relationship)
				.param("modality", modality.name())
				.param("start", Timestamps.utc(slot.start()))
				.param("end", Timestamps.utc(slot.end()))
				.param("by", therapistId)
				.param("now", Timestamps.utc(clock.instant()))
				.param("series", seriesId)
				.update();
			audit.record(AuditTrail.account(therapistId), "APPOINTMENT_BOOKED", "appointment:" + id, "for client");
			events.publishEvent(new AppointmentBooked(id, clientId, therapistId, slot.start()));
			ids.add(id);
		}
		return ids;
	}

	/**
	 * Either party cancels; anyone else finds nothing. Late cancellations are flagged.
	 */
	@Transactional
	public Optional<Boolean> cancel(UUID accountId, UUID appointmentId) {
		Optional<Appointment> appointment = find(accountId, appointmentId).filter(Appointment::booked);
		if (appointment.isEmpty()) {
			return Optional.empty();
		}
		Appointment a = appointment.get();
		boolean late = Duration.between(clock.instant(), a.start()).compareTo(properties.lateCancellation()) < 0;
		jdbc.sql("update appointment set status = :status, cancelled_at = :now, sequence = sequence + 1 where id = :id")
			.param("status", AppointmentStatus.CANCELLED.name())
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", appointmentId)
			.update();
		jdbc.sql("delete from appointment_claim where appointment_id = :id").param("id", appointmentId).update();
		audit.record(AuditTrail.account(accountId), "APPOINTMENT_CANCELLED", "appointment:" + appointmentId,
				late ? "late" : null);
		events.publishEvent(new AppointmentCancelled(appointmentId, a.clientId(), a.therapistId(), late));
		return Optional.of(late);
	}

	/**
	 * Either party moves a booked appointment to another free time of the same therapist.
	 * The new time is claimed before the old one is released, in one transaction: a
	 * concurrent booking of the new time makes exactly one of them win, and a failed move
	 * leaves the appointment where it was.
	 */
	@Transactional
	public Optional<Appointment> reschedule(UUID accountId, UUID appointmentId, Instant newStart) {
		Optional<Appointment> found = find(accountId, appointmentId).filter(Appointment::booked);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Appointment a = found.get();
		Instant now = clock.instant();
		if (!a.start().isAfter(now)) {
			throw new InvalidAvailability("start", "This session has already begun and can no longer be moved.");
		}
		if (care.active(a.clientId(), a.therapistId()).isEmpty()) {
			throw new InvalidAvailability("therapist",
					"Care with this therapist has ended, so the session cannot be moved.");
		}
		if (newStart == null || !newStart.isAfter(now)) {
			throw new InvalidAvailability("start", "That time is in the past.");
		}
		if (newStart.equals(a.start())) {
			throw new InvalidAvailability("start", "That is already the time of this session.");
		}
		Slot slot = freeSlot(a.therapistId(), newStart);
		try {
			jdbc.sql(
					"insert into appointment_claim (therapist_id, starts_at, appointment_id) values (:therapist, :start, :id)")
				.param("therapist", a.therapistId())
				.param("start", Timestamps.utc(slot.start()))
				.param("id", appointmentId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new SlotTaken();
		}
		jdbc.sql("delete from appointment_claim where appointment_id = :id and starts_at = :start")
			.param("id", appointmentId)
			.param("start", Timestamps.utc(a.start()))
			.update();
		jdbc.sql("update appointment set starts_at = :start, ends_at = :end, sequence = sequence + 1 where id = :id")
			.param("start", Timestamps.utc(slot.start()))
			.param("end", Timestamps.utc(slot.end()))
			.param("id", appointmentId)
			.update();
		audit.record(AuditTrail.account(accountId), "APPOINTMENT_RESCHEDULED", "appointment:" + appointmentId);
		events.publishEvent(
				new AppointmentChanged(appointmentId, a.clientId(), a.therapistId(), a.start(), slot.start()));
		return find(accountId, appointmentId);
	}

	/**
	 * The free slot starting at {@code start}. A time someone else holds is "just taken"
	 * (409 on the API); any other time that is not offered (off the therapist's hours, a
	 * day off, beyond the horizon) is refused as such, so nobody is told to hurry for a
	 * time that was never free.
	 */
	private Slot freeSlot(UUID therapistId, Instant start) {
		return availability.freeSlots(therapistId)
			.stream()
			.filter(s -> s.start().equals(start))
			.findFirst()
			.orElseThrow(() -> {
				boolean held = jdbc.sql("""
						select count(*) from appointment where therapist_id = :therapist and status = :booked
						and starts_at <= :start and ends_at > :start""")
					.param("booked", AppointmentStatus.BOOKED.name())
					.param("therapist", therapistId)
					.param("start", Timestamps.utc(start))
					.query(Long.class)
					.single() > 0;
				return held ? new SlotTaken() : new InvalidAvailability("start",
						"That is not one of the free times: choose one from the list.");
			});
	}

	/** Whether cancelling now would be late under the practice's terms. */
	public boolean wouldBeLate(Appointment appointment) {
		return Duration.between(clock.instant(), appointment.start()).compareTo(properties.lateCancellation()) < 0;
	}

	public Duration lateCancellationWindow() {
		return properties.lateCancellation();
	}

	/**
	 * Any appointment by id, for modules acting for its parties (notifications); never
	 * for a page.
	 */
	@Transactional(readOnly = true)
	public Optional<Appointment> findAny(UUID appointmentId) {
		return jdbc.sql("select * from appointment where id = :id")
			.param("id", appointmentId)
			.query(Bookings::row)
			.optional();
	}

	/**
	 * The account's appointments from {@code from} on, booked or cancelled, for its
	 * calendar feed.
	 */
	@Transactional(readOnly = true)
	public List<Appointment> since(UUID accountId, Instant from) {
		return jdbc.sql(
				"select * from appointment where (client_id = :id or therapist_id = :id) and ends_at > :from order by starts_at")
			.param("id", accountId)
			.param("from", Timestamps.utc(from))
			.query(Bookings::row)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Appointment> find(UUID viewerId, UUID appointmentId) {
		return jdbc.sql("select * from appointment where id = :id and (client_id = :viewer or therapist_id = :viewer)")
			.param("id", appointmentId)
			.param("viewer", viewerId)
			.query(Bookings::row)
			.optional();
	}

	/** The account's booked appointments from now on, soonest first. */
	@Transactional(readOnly = true)
	public List<Appointment> upcoming(UUID accountId) {
		return jdbc
			.sql("""
					select * from appointment where (client_id = :id or therapist_id = :id) and status = :booked and ends_at > :now
					order by starts_at""")
			.param("booked", AppointmentStatus.BOOKED.name())
			.param("id", accountId)
			.param("now", Timestamps.utc(clock.instant()))
			.query(Bookings::row)
			.list();
	}

	private static Appointment row(ResultSet rs, int n) throws SQLException {
		return new Appointment(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), rs.getString("modality"),
				rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
				rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
				AppointmentStatus.valueOf(rs.getString("status")), rs.getInt("sequence"));
	}

}

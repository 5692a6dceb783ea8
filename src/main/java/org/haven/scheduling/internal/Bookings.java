package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

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

	private static final DateTimeFormatter SERIES_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm",
			Locale.ENGLISH);

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
		Terms terms = validate(BookingRequest.BOOK, clientId, therapistId, rawModality, () -> When.at(start));
		return insert(BookingRequest.BOOK, clientId, therapistId, terms, freeSlot(therapistId, start), null);
	}

	/**
	 * A therapist books one session or a weekly or fortnightly series for a client in
	 * their care, all or nothing: if any session's time is not free (outside their weekly
	 * times, on time off, or taken), nothing is booked and the error names those dates.
	 * Minimum notice and the clients' booking horizon do not apply.
	 */
	@Transactional
	public List<UUID> bookFor(UUID therapistId, UUID clientId, Series series, String rawModality) {
		Terms terms = validate(BookingRequest.BOOK_FOR_CLIENT, clientId, therapistId, rawModality, () -> {
			ZoneId zone = availability.zoneOf(therapistId)
				.orElseThrow(() -> Refusal.of("date", "Set your time zone on your profile first."));
			return new When(series.starts(zone), zone);
		});
		Map<Instant, Slot> free = new HashMap<>();
		availability.freeSlotsForTherapist(therapistId).forEach(slot -> free.put(slot.start(), slot));
		List<String> notFree = terms.when()
			.starts()
			.stream()
			.filter(start -> !free.containsKey(start))
			.map(start -> SERIES_DATE.format(start.atZone(terms.when().zone())))
			.toList();
		if (!notFree.isEmpty()) {
			throw Refusal.of("date",
					"Nothing was booked: not free in your calendar on " + String.join(", ", notFree) + ".");
		}
		UUID seriesId = terms.when().starts().size() > 1 ? UUID.randomUUID() : null;
		List<UUID> ids = new ArrayList<>();
		for (Instant start : terms.when().starts()) {
			ids.add(insert(BookingRequest.BOOK_FOR_CLIENT, clientId, therapistId, terms, free.get(start), seriesId));
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
		boolean late = wouldBeLate(a);
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
		if (!a.start().isAfter(clock.instant())) {
			throw Refusal.of("start", "This session has already begun and can no longer be moved.");
		}
		validate(BookingRequest.MOVE, a.clientId(), a.therapistId(), null, () -> When.at(newStart));
		if (newStart.equals(a.start())) {
			throw Refusal.of("start", "That is already the time of this session.");
		}
		Slot slot = freeSlot(a.therapistId(), newStart);
		claim(a.therapistId(), slot, appointmentId);
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
	 * What a booking or a move must meet, checked in this order whoever asks: care
	 * between the two; for a new booking, the client's current consent and a modality the
	 * therapist offers; then a start still ahead. Only the wording depends on the
	 * request. The times are asked for last, so that a refusal of the terms comes first.
	 */
	private Terms validate(BookingRequest request, UUID clientId, UUID therapistId, String rawModality,
			Supplier<When> asked) {
		UUID relationship = (clientId == null ? Optional.<UUID>empty() : care.active(clientId, therapistId))
			.orElseThrow(() -> Refusal.of(request.careField(), request.notInCare()));
		Modality modality = null;
		if (!request.isMove()) {
			if (!consent.hasCurrentConsent(clientId)) {
				throw Refusal.of(request.consentField(), request.noConsent());
			}
			modality = Modality.parse(rawModality)
				.orElseThrow(
						() -> Refusal.of("modality", "Unknown modality: choose video, audio, chat, letters or SMS."));
			if (!directory.offers(therapistId, modality)) {
				throw Refusal.of("modality", request.notOffered() + modality.label().toLowerCase() + ".");
			}
		}
		When when = asked.get();
		Instant first = when.starts().get(0);
		if (first == null || !first.isAfter(clock.instant())) {
			throw Refusal.of(request.timeField(), "That time is in the past.");
		}
		return new Terms(relationship, modality, when);
	}

	/** Claims the slot and writes the appointment booked in it. */
	private UUID insert(BookingRequest request, UUID clientId, UUID therapistId, Terms terms, Slot slot,
			UUID seriesId) {
		UUID id = UUID.randomUUID();
		claim(therapistId, slot, id);
		UUID bookedBy = request.byClient() ? clientId : therapistId;
		jdbc.sql(
				"""
						insert into appointment (id, therapist_id, client_id, relationship_id, modality, starts_at, ends_at, status,
						booked_by, created_at, series_id) values (:id, :therapist, :client, :relationship, :modality, :start, :end, :status,
						:by, :now, :series)""")
			.param("id", id)
			.param("status", AppointmentStatus.BOOKED.name())
			.param("therapist", therapistId)
			.param("client", clientId)
			.param("relationship", terms.relationship())
			.param("modality", terms.modality().name())
			.param("start", Timestamps.utc(slot.start()))
			.param("end", Timestamps.utc(slot.end()))
			.param("by", bookedBy)
			.param("now", Timestamps.utc(clock.instant()))
			.param("series", seriesId)
			.update();
		audit.record(AuditTrail.account(bookedBy), "APPOINTMENT_BOOKED", "appointment:" + id, request.auditNote());
		events.publishEvent(new AppointmentBooked(id, clientId, therapistId, slot.start()));
		return id;
	}

	/**
	 * The claim table's primary key (therapist, start) is what prevents double booking:
	 * of any number of concurrent claims of a slot, one inserts and the others are told
	 * it was just taken.
	 */
	private void claim(UUID therapistId, Slot slot, UUID appointmentId) {
		try {
			jdbc.sql(
					"insert into appointment_claim (therapist_id, starts_at, appointment_id) values (:therapist, :start, :id)")
				.param("therapist", therapistId)
				.param("start", Timestamps.utc(slot.start()))
				.param("id", appointmentId)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new SlotTaken();
		}
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
				return held ? new SlotTaken()
						: Refusal.of("start", "That is not one of the free times: choose one from the list.");
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

	/** Every appointment of the client, booked or cancelled, oldest first. */
	@Transactional(readOnly = true)
	public List<Appointment> ofClient(UUID clientId) {
		return jdbc.sql("select * from appointment where client_id = :id order by starts_at")
			.param("id", clientId)
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

	/**
	 * The times asked for, earliest first; the zone when they were given as dates on the
	 * therapist's clock.
	 */
	private record When(List<Instant> starts, ZoneId zone) {

		static When at(Instant start) {
			return new When(Collections.singletonList(start), null);
		}

	}

	/** What a booking was found to meet: the care relationship and the modality. */
	private record Terms(UUID relationship, Modality modality, When when) {
	}

}

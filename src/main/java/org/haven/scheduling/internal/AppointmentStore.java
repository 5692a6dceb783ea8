package org.haven.scheduling.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.scheduling.AppointmentBooked;
import org.haven.scheduling.AppointmentCancelled;
import org.haven.scheduling.AppointmentChanged;
import org.haven.scheduling.AppointmentStatus;
import org.haven.shared.time.Timestamps;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How appointments are stored: every read of the {@code appointment} table, and the rows
 * a booking, a move and a cancellation write there and in {@code appointment_claim}, each
 * write published as its event in the same transaction (as an aggregate's repository
 * publishes its events), so no change to an appointment goes unannounced. Reads are
 * read-only transactions; a write only ever joins the transaction of {@link Bookings},
 * which decides whether and in which order they happen. Also the practice's
 * late-cancellation window, read against the clock.
 */
@Service
@Transactional(readOnly = true)
public class AppointmentStore {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final SchedulingProperties properties;

	private final Clock clock;

	AppointmentStore(JdbcClient jdbc, ApplicationEventPublisher events, SchedulingProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Any appointment by id, for modules acting for its parties (notifications); never
	 * for a page.
	 */
	public Optional<Appointment> findAny(UUID appointmentId) {
		return select("id = :id", Map.of("id", appointmentId)).optional();
	}

	/** The appointment if the viewer is its client or its therapist. */
	public Optional<Appointment> find(UUID viewerId, UUID appointmentId) {
		return select("id = :id and (client_id = :viewer or therapist_id = :viewer)",
				Map.of("id", appointmentId, "viewer", viewerId))
			.optional();
	}

	/**
	 * The account's appointments from {@code from} on, booked or cancelled, for its
	 * calendar feed.
	 */
	public List<Appointment> since(UUID accountId, Instant from) {
		return select("(client_id = :id or therapist_id = :id) and ends_at > :from order by starts_at",
				Map.of("id", accountId, "from", Timestamps.utc(from)))
			.list();
	}

	/** The account's booked appointments from now on, soonest first. */
	public List<Appointment> upcoming(UUID accountId) {
		return select(
				"(client_id = :id or therapist_id = :id) and status = :booked and ends_at > :now order by starts_at",
				Map.of("id", accountId, "booked", AppointmentStatus.BOOKED.name(), "now",
						Timestamps.utc(clock.instant())))
			.list();
	}

	/**
	 * The therapist's booked appointments that ended before {@code before}, oldest first.
	 */
	public List<Appointment> pastOf(UUID therapistId, Instant before) {
		return select("therapist_id = :therapist and status = :booked and ends_at <= :before order by starts_at", Map
			.of("therapist", therapistId, "booked", AppointmentStatus.BOOKED.name(), "before", Timestamps.utc(before)))
			.list();
	}

	/**
	 * Whether cancelling now would be late under the practice's terms. Like the window, a
	 * computation, not a query: it opens no transaction of its own.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public boolean wouldBeLate(Appointment appointment) {
		return Duration.between(clock.instant(), appointment.start()).compareTo(properties.lateCancellation()) < 0;
	}

	/** The practice's late-cancellation window. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Duration lateCancellationWindow() {
		return properties.lateCancellation();
	}

	/** Whether a booked appointment of the therapist covers {@code start}. */
	boolean held(UUID therapistId, Instant start) {
		return jdbc.sql("""
				select count(*) from appointment where therapist_id = :therapist and status = :booked
				and starts_at <= :start and ends_at > :start""")
			.param("booked", AppointmentStatus.BOOKED.name())
			.param("therapist", therapistId)
			.param("start", Timestamps.utc(start))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The claim table's primary key (therapist, start) is what prevents double booking:
	 * of any number of concurrent claims of a slot, one inserts and the others are told
	 * it was just taken.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void claim(UUID therapistId, Slot slot, UUID appointmentId) {
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

	/** Writes a booked appointment in a slot its caller has claimed. */
	@Transactional(propagation = Propagation.MANDATORY)
	void insert(UUID id, BookingTerms.Terms terms, Slot slot, UUID bookedBy, UUID seriesId) {
		jdbc.sql(
				"""
						insert into appointment (id, therapist_id, client_id, relationship_id, modality, starts_at, ends_at, status,
						booked_by, created_at, series_id) values (:id, :therapist, :client, :relationship, :modality, :start, :end, :status,
						:by, :now, :series)""")
			.param("id", id)
			.param("status", AppointmentStatus.BOOKED.name())
			.param("therapist", terms.therapistId())
			.param("client", terms.clientId())
			.param("relationship", terms.relationship())
			.param("modality", terms.modality().name())
			.param("start", Timestamps.utc(slot.start()))
			.param("end", Timestamps.utc(slot.end()))
			.param("by", bookedBy)
			.param("now", Timestamps.utc(clock.instant()))
			.param("series", seriesId)
			.update();
		events.publishEvent(new AppointmentBooked(id, terms.clientId(), terms.therapistId(), slot.start()));
	}

	/** Marks the appointment cancelled now and frees its time. */
	@Transactional(propagation = Propagation.MANDATORY)
	void cancel(Appointment appointment, boolean late) {
		UUID appointmentId = appointment.id();
		jdbc.sql("update appointment set status = :status, cancelled_at = :now, sequence = sequence + 1 where id = :id")
			.param("status", AppointmentStatus.CANCELLED.name())
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", appointmentId)
			.update();
		jdbc.sql("delete from appointment_claim where appointment_id = :id").param("id", appointmentId).update();
		events.publishEvent(
				new AppointmentCancelled(appointmentId, appointment.clientId(), appointment.therapistId(), late));
	}

	/**
	 * Moves the appointment into a slot its caller has already claimed, releasing the old
	 * time.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void move(Appointment appointment, Slot to) {
		UUID appointmentId = appointment.id();
		jdbc.sql("delete from appointment_claim where appointment_id = :id and starts_at = :start")
			.param("id", appointmentId)
			.param("start", Timestamps.utc(appointment.start()))
			.update();
		jdbc.sql("update appointment set starts_at = :start, ends_at = :end, sequence = sequence + 1 where id = :id")
			.param("start", Timestamps.utc(to.start()))
			.param("end", Timestamps.utc(to.end()))
			.param("id", appointmentId)
			.update();
		events.publishEvent(new AppointmentChanged(appointmentId, appointment.clientId(), appointment.therapistId(),
				appointment.start(), to.start()));
	}

	/**
	 * {@code select * from appointment where} the predicate, rows read as appointments.
	 */
	private MappedQuerySpec<Appointment> select(String where, Map<String, ?> params) {
		return jdbc.sql("select * from appointment where " + where).params(params).query(AppointmentStore::row);
	}

	private static Appointment row(ResultSet rs, int n) throws SQLException {
		return new Appointment(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), rs.getString("modality"),
				rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
				rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
				AppointmentStatus.valueOf(rs.getString("status")), rs.getInt("sequence"));
	}

}

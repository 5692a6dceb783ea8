package org.haven.scheduling.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.scheduling.AppointmentStatus;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What slot generation needs besides the time zone, read for many therapists at once: one
 * query per table rather than several per therapist, so that the directory can ask about
 * all its candidates cheaply.
 */
@Repository
class SlotInputs {

	private final JdbcClient jdbc;

	SlotInputs(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The inputs of each therapist given (defaults for those without settings), as they
	 * stand at {@code now}.
	 */
	Map<UUID, Inputs> load(Collection<UUID> therapistIds, Instant now) {
		Map<UUID, Builder> all = new HashMap<>();
		therapistIds.forEach(id -> all.put(id, new Builder()));
		if (all.isEmpty()) {
			return Map.of();
		}
		// Yesterday in UTC: the earliest date that can still be today or later on some
		// therapist's clock.
		LocalDate since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1);
		jdbc.sql("select * from availability_settings where therapist_id in (:ids)")
			.param("ids", all.keySet())
			.query(rs -> {
				all.get(rs.getObject("therapist_id", UUID.class)).settings = new Availability.Settings(
						rs.getInt("session_minutes"), rs.getInt("buffer_minutes"), rs.getInt("notice_hours"),
						rs.getInt("horizon_days"));
			});
		jdbc.sql(
				"select therapist_id, day_of_week, start_time, end_time from availability_rule where therapist_id in (:ids)")
			.param("ids", all.keySet())
			.query(rs -> {
				all.get(rs.getObject(1, UUID.class)).rules.add(new WeeklyRule(DayOfWeek.of(rs.getInt(2)),
						rs.getObject(3, LocalTime.class), rs.getObject(4, LocalTime.class)));
			});
		jdbc.sql(
				"select therapist_id, off_day from availability_day_off where therapist_id in (:ids) and off_day >= :since")
			.param("ids", all.keySet())
			.param("since", since)
			.query(rs -> {
				all.get(rs.getObject(1, UUID.class)).daysOff.add(new DayOff(rs.getObject(2, LocalDate.class)));
			});
		jdbc.sql("""
				select therapist_id, id, off_date, from_time, until_time, label from availability_time_off
				where therapist_id in (:ids) and off_date >= :since""")
			.param("ids", all.keySet())
			.param("since", since)
			.query(rs -> {
				all.get(rs.getObject(1, UUID.class)).timeOff
					.add(new TimeOff(rs.getObject(2, UUID.class), rs.getObject(3, LocalDate.class),
							rs.getObject(4, LocalTime.class), rs.getObject(5, LocalTime.class), rs.getString(6)));
			});
		jdbc.sql("""
				select therapist_id, starts_at, ends_at from appointment
				where therapist_id in (:ids) and status = :booked and ends_at > :now""")
			.param("ids", all.keySet())
			.param("booked", AppointmentStatus.BOOKED.name())
			.param("now", Timestamps.utc(now))
			.query(rs -> {
				all.get(rs.getObject(1, UUID.class)).booked
					.add(new Slot(rs.getObject(2, OffsetDateTime.class).toInstant(),
							rs.getObject(3, OffsetDateTime.class).toInstant()));
			});
		Map<UUID, Inputs> inputs = new HashMap<>();
		all.forEach((id, b) -> inputs.put(id, new Inputs(new AvailabilityRules(b.rules), Set.copyOf(b.daysOff),
				List.copyOf(b.timeOff), b.settings.toSessionSettings(), List.copyOf(b.booked))));
		return inputs;
	}

	record Inputs(AvailabilityRules rules, Set<DayOff> daysOff, List<TimeOff> timeOff, SessionSettings settings,
			List<Slot> booked) {

		List<Slot> slots(ZoneId zone, Instant now) {
			return SlotGenerator.slots(zone, rules, daysOff, timeOff, settings, now, booked);
		}

		/**
		 * The same inputs looking no further ahead than {@code horizon} (or the shortest
		 * horizon allowed), which saves laying out a year of slots to answer a question
		 * about the next days. Empty when the minimum notice already reaches past
		 * {@code horizon}, so that no slot can start within it.
		 */
		Optional<Inputs> lookingAhead(Duration horizon) {
			if (horizon.compareTo(settings.minimumNotice()) <= 0) {
				return Optional.empty();
			}
			Duration limited = horizon.compareTo(settings.horizon()) < 0 ? horizon : settings.horizon();
			limited = limited.compareTo(SessionSettings.MIN_HORIZON) < 0 ? SessionSettings.MIN_HORIZON : limited;
			return Optional.of(new Inputs(rules, daysOff, timeOff,
					new SessionSettings(settings.length(), settings.buffer(), settings.minimumNotice(), limited),
					booked));
		}
	}

	private static final class Builder {

		Availability.Settings settings = Availability.DEFAULTS;

		final List<WeeklyRule> rules = new ArrayList<>();

		final Set<DayOff> daysOff = new HashSet<>();

		final List<TimeOff> timeOff = new ArrayList<>();

		final List<Slot> booked = new ArrayList<>();

	}

}

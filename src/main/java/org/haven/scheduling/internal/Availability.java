package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.sql.Time;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.directory.TherapistDirectory;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores a therapist's availability and turns it into free slots with
 * {@link SlotGenerator}.
 */
@Service
public class Availability {

	static final Settings DEFAULTS = new Settings(50, 10, 24, 60);

	private final JdbcClient jdbc;

	private final TherapistDirectory directory;

	private final AuditTrail audit;

	private final SlotInputs inputs;

	private final Clock clock;

	Availability(JdbcClient jdbc, TherapistDirectory directory, AuditTrail audit, SlotInputs inputs, Clock clock) {
		this.jdbc = jdbc;
		this.inputs = inputs;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Settings settings(UUID therapistId) {
		return jdbc.sql("select * from availability_settings where therapist_id = :id")
			.param("id", therapistId)
			.query((rs, n) -> new Settings(rs.getInt("session_minutes"), rs.getInt("buffer_minutes"),
					rs.getInt("notice_hours"), rs.getInt("horizon_days")))
			.optional()
			.orElse(DEFAULTS);
	}

	@Transactional
	public void saveSettings(UUID therapistId, Settings settings) {
		settings.toSessionSettings(); // validates, with a message per field
		int updated = jdbc
			.sql("""
					update availability_settings set session_minutes = :length, buffer_minutes = :buffer, notice_hours = :notice,
					horizon_days = :horizon, updated_at = :now where therapist_id = :id""")
			.params(params(therapistId, settings))
			.update();
		if (updated == 0) {
			jdbc.sql(
					"""
							insert into availability_settings (therapist_id, session_minutes, buffer_minutes, notice_hours, horizon_days, updated_at)
							values (:id, :length, :buffer, :notice, :horizon, :now)""")
				.params(params(therapistId, settings))
				.update();
		}
		audit.record(AuditTrail.account(therapistId), "AVAILABILITY_SETTINGS_SAVED", AuditTrail.account(therapistId));
	}

	@Transactional(readOnly = true)
	public List<StoredRule> rules(UUID therapistId) {
		return jdbc.sql("select * from availability_rule where therapist_id = :id order by day_of_week, start_time")
			.param("id", therapistId)
			.query((rs, n) -> new StoredRule(rs.getObject("id", UUID.class),
					new WeeklyRule(DayOfWeek.of(rs.getInt("day_of_week")), rs.getObject("start_time", LocalTime.class),
							rs.getObject("end_time", LocalTime.class))))
			.list();
	}

	/** Adds a weekly window; refused if it overlaps another one on that day. */
	@Transactional
	public void addRule(UUID therapistId, String day, String start, String end) {
		DayOfWeek dayOfWeek;
		try {
			dayOfWeek = DayOfWeek.valueOf(day == null ? "" : day.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw Refusal.of("day", "Choose a day of the week.");
		}
		WeeklyRule rule = new WeeklyRule(dayOfWeek, time("start", start), time("end", end));
		List<WeeklyRule> all = new ArrayList<>(rules(therapistId).stream().map(StoredRule::rule).toList());
		all.add(rule);
		new AvailabilityRules(all);
		jdbc.sql("""
				insert into availability_rule (id, therapist_id, day_of_week, start_time, end_time)
				values (:id, :therapist, :day, :start, :end)""")
			.param("id", UUID.randomUUID())
			.param("therapist", therapistId)
			.param("day", dayOfWeek.getValue())
			.param("start", Time.valueOf(rule.start()))
			.param("end", Time.valueOf(rule.end()))
			.update();
		audit.record(AuditTrail.account(therapistId), "AVAILABILITY_RULE_ADDED", AuditTrail.account(therapistId),
				rule.toString());
	}

	@Transactional
	public boolean removeRule(UUID therapistId, UUID ruleId) {
		return jdbc.sql("delete from availability_rule where id = :id and therapist_id = :therapist")
			.param("id", ruleId)
			.param("therapist", therapistId)
			.update() == 1;
	}

	@Transactional(readOnly = true)
	public List<LocalDate> daysOff(UUID therapistId) {
		return jdbc.sql(
				"select off_day from availability_day_off where therapist_id = :id and off_day >= :today order by off_day")
			.param("id", therapistId)
			.param("today", LocalDate.now(clock).minusDays(1))
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.list();
	}

	@Transactional
	public void addDayOff(UUID therapistId, String rawDate) {
		LocalDate date;
		try {
			date = LocalDate.parse(rawDate == null ? "" : rawDate.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("dayOff", "Enter the date as YYYY-MM-DD.");
		}
		if (date.isBefore(LocalDate.now(clock).minusDays(1))) {
			throw Refusal.of("dayOff", "That day is in the past.");
		}
		if (!daysOff(therapistId).contains(date)) {
			jdbc.sql("insert into availability_day_off (therapist_id, off_day) values (:id, :day)")
				.param("id", therapistId)
				.param("day", date)
				.update();
		}
	}

	@Transactional
	public boolean removeDayOff(UUID therapistId, LocalDate date) {
		return jdbc.sql("delete from availability_day_off where therapist_id = :id and off_day = :day")
			.param("id", therapistId)
			.param("day", date)
			.update() == 1;
	}

	/**
	 * Free slots from now on; empty when the therapist has no profile time zone or no
	 * rules.
	 */
	@Transactional(readOnly = true)
	public List<Slot> freeSlots(UUID therapistId) {
		Optional<ZoneId> zone = directory.timeZone(therapistId);
		if (zone.isEmpty()) {
			return List.of();
		}
		Instant now = clock.instant();
		return inputs.load(List.of(therapistId), now).get(therapistId).slots(zone.get(), now);
	}

	/**
	 * Free slots as a therapist may book them for a client: the same weekly times, days
	 * off and time off, but without the minimum notice and up to a year ahead (a weekly
	 * series reaches past the clients' horizon).
	 */
	@Transactional(readOnly = true)
	public List<Slot> freeSlotsForTherapist(UUID therapistId) {
		Optional<ZoneId> zone = directory.timeZone(therapistId);
		if (zone.isEmpty()) {
			return List.of();
		}
		Instant now = clock.instant();
		SlotInputs.Inputs in = inputs.load(List.of(therapistId), now).get(therapistId);
		SessionSettings wide = new SessionSettings(in.settings().length(), in.settings().buffer(), Duration.ZERO,
				SessionSettings.MAX_HORIZON);
		return new SlotInputs.Inputs(in.rules(), in.daysOff(), in.timeOff(), wide, in.booked()).slots(zone.get(), now);
	}

	public Optional<ZoneId> zoneOf(UUID therapistId) {
		return directory.timeZone(therapistId);
	}

	static LocalTime time(String field, String raw) {
		try {
			return LocalTime.parse(raw == null ? "" : raw.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of(field, "Enter the time as HH:MM, for example 09:00.");
		}
	}

	private Map<String, Object> params(UUID therapistId, Settings settings) {
		return Map.of("id", therapistId, "length", settings.sessionMinutes(), "buffer", settings.bufferMinutes(),
				"notice", settings.noticeHours(), "horizon", settings.horizonDays(), "now",
				Timestamps.utc(clock.instant()));
	}

	public record StoredRule(UUID id, WeeklyRule rule) {
	}

	/** Session settings as a therapist enters them: minutes, hours and days. */
	public record Settings(int sessionMinutes, int bufferMinutes, int noticeHours, int horizonDays) {

		public SessionSettings toSessionSettings() {
			return new SessionSettings(Duration.ofMinutes(sessionMinutes), Duration.ofMinutes(bufferMinutes),
					Duration.ofHours(noticeHours), Duration.ofDays(horizonDays));
		}
	}

}

package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.sql.Time;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.directory.TherapistDirectory;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A therapist's time off: parts of dates with no slots. Time off may overlap other time
 * off on the same date; each stays as entered (with its own label, removed on its own)
 * and the blocked time is their union. Entering exactly the same date and times again
 * changes nothing.
 */
@Service
public class TimeOffs {

	static final int MAX_LABEL = 80;

	/** Far more than anyone plans; the cap keeps the page and slot generation bounded. */
	static final int MAX_UPCOMING = 100;

	private final JdbcClient jdbc;

	private final TherapistDirectory directory;

	private final AuditTrail audit;

	private final Clock clock;

	TimeOffs(JdbcClient jdbc, TherapistDirectory directory, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Time off from yesterday (UTC) on, so nothing still ahead in any time zone is left
	 * out; by date and time.
	 */
	@Transactional(readOnly = true)
	public List<TimeOff> upcoming(UUID therapistId) {
		return jdbc.sql("""
				select id, off_date, from_time, until_time, label from availability_time_off
				where therapist_id = :id and off_date >= :since order by off_date, from_time, until_time""")
			.param("id", therapistId)
			.param("since", LocalDate.now(clock).minusDays(1))
			.query((rs, n) -> new TimeOff(rs.getObject("id", UUID.class), rs.getObject("off_date", LocalDate.class),
					rs.getObject("from_time", LocalTime.class), rs.getObject("until_time", LocalTime.class),
					rs.getString("label")))
			.list();
	}

	@Transactional
	public void add(UUID therapistId, String rawDate, String rawFrom, String rawUntil, String rawLabel) {
		LocalDate date;
		try {
			date = LocalDate.parse(rawDate == null ? "" : rawDate.trim());
		}
		catch (DateTimeParseException ex) {
			throw Refusal.of("timeOffDate", "Enter the date as YYYY-MM-DD.");
		}
		TimeOff timeOff = new TimeOff(UUID.randomUUID(), date, Availability.time("timeOffFrom", rawFrom),
				Availability.time("timeOffUntil", rawUntil), label(rawLabel));
		ZoneId zone = directory.timeZone(therapistId)
			.orElseThrow(
					() -> Refusal.of("timeOffDate", "Fill in your profile first: time off is kept in its time zone."));
		if (date.isBefore(LocalDate.ofInstant(clock.instant(), zone))) {
			throw Refusal.of("timeOffDate", "That day is in the past.");
		}
		existing(zone, date, timeOff.from(), "timeOffFrom");
		existing(zone, date, timeOff.until(), "timeOffUntil");
		if (!timeOff.span(zone).orElseThrow().end().isAfter(clock.instant())) {
			throw Refusal.of("timeOffUntil", "That time has passed already.");
		}
		List<TimeOff> upcoming = upcoming(therapistId);
		if (upcoming.stream()
			.anyMatch(t -> t.date().equals(date) && t.from().equals(timeOff.from())
					&& t.until().equals(timeOff.until()))) {
			return;
		}
		if (upcoming.size() >= MAX_UPCOMING) {
			throw Refusal.of("timeOffDate", "At most " + MAX_UPCOMING + " upcoming times off are allowed. "
					+ "Remove some, or add days off instead.");
		}
		jdbc.sql("""
				insert into availability_time_off (id, therapist_id, off_date, from_time, until_time, label, created_at)
				values (:id, :therapist, :date, :from, :until, :label, :now)""")
			.param("id", timeOff.id())
			.param("therapist", therapistId)
			.param("date", date)
			.param("from", Time.valueOf(timeOff.from()))
			.param("until", Time.valueOf(timeOff.until()))
			.param("label", timeOff.label())
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		// The label may say why the therapist is away; the trail keeps only when.
		audit.record(AuditTrail.account(therapistId), "AVAILABILITY_TIME_OFF_ADDED", AuditTrail.account(therapistId),
				date + " " + timeOff.from() + "-" + timeOff.until());
	}

	@Transactional
	public boolean remove(UUID therapistId, UUID timeOffId) {
		return jdbc.sql("delete from availability_time_off where id = :id and therapist_id = :therapist")
			.param("id", timeOffId)
			.param("therapist", therapistId)
			.update() == 1;
	}

	/**
	 * Refuses a time the therapist's clock skips that day, naming the jump, as slots
	 * never start in it either.
	 */
	private static void existing(ZoneId zone, LocalDate date, LocalTime time, String field) {
		LocalDateTime local = date.atTime(time);
		if (zone.getRules().getValidOffsets(local).isEmpty()) {
			ZoneOffsetTransition gap = zone.getRules().getTransition(local);
			throw Refusal.of(field, "On " + date + " the clocks in " + zone.getId() + " go from "
					+ gap.getDateTimeBefore().toLocalTime() + " straight to " + gap.getDateTimeAfter().toLocalTime()
					+ ", so " + time + " does not happen. Choose a time before or after the change.");
		}
	}

	private static String label(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.strip();
		if (value.codePointCount(0, value.length()) > MAX_LABEL) {
			throw Refusal.of("timeOffLabel", "Use at most " + MAX_LABEL + " characters for the label.");
		}
		if (TextChecks.hasForbiddenCharacters(value, false)) {
			throw Refusal.of("timeOffLabel", "Remove control or invisible formatting characters from the label.");
		}
		return value;
	}

}

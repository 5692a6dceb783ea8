package org.haven.notifications.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's notification choices. Until a user chooses, notices, reminders and word of
 * unread messages go by email, at any hour.
 */
@Service
public class Preferences {

	public static final Choice DEFAULTS = new Choice(true, true, true, null, null);

	/**
	 * Where each user makes these choices; every notice and reminder names it as its
	 * List-Unsubscribe.
	 */
	public static final String PAGE = "/account/notifications";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	Preferences(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Choice of(UUID accountId) {
		return jdbc.sql("select * from notification_preference where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> {
				LocalTime from = rs.getObject("quiet_from", LocalTime.class);
				LocalTime to = rs.getObject("quiet_to", LocalTime.class);
				return new Choice(rs.getBoolean("email_notices"), rs.getBoolean("email_reminders"),
						rs.getBoolean("email_unread"),
						Optional.ofNullable(rs.getString("time_zone")).map(ZoneId::of).orElse(null),
						from == null || to == null ? null : new QuietHours(from, to));
			})
			.optional()
			.orElse(DEFAULTS);
	}

	/**
	 * Saves the choices. Every field that is wrong (a time zone that is not a known IANA
	 * region, a quiet hour that is not a time, only one of the two, the same time twice,
	 * quiet hours without a time zone) is reported, and nothing changes.
	 */
	@Transactional
	public void save(UUID accountId, Form form) {
		Map<String, String> errors = new LinkedHashMap<>();
		String zone = zone(form.timeZone(), errors);
		LocalTime from = time("quietFrom", form.quietFrom(), errors);
		LocalTime to = time("quietTo", form.quietTo(), errors);
		checkQuietHours(form, from, to, zone, errors);
		if (!errors.isEmpty()) {
			throw Refusal.of(errors);
		}
		var now = Timestamps.utc(clock.instant());
		// One statement: two first saves at once cannot both insert (PostgreSQL is the
		// only engine now).
		jdbc.sql(
				"""
						insert into notification_preference (account_id, email_notices, email_reminders, email_unread, time_zone,
						quiet_from, quiet_to, updated_at) values (:id, :notices, :reminders, :unread, :zone, :from, :to, :now)
						on conflict (account_id) do update set email_notices = excluded.email_notices,
						email_reminders = excluded.email_reminders, email_unread = excluded.email_unread,
						time_zone = excluded.time_zone, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
						updated_at = excluded.updated_at""")
			.param("notices", form.emailNotices())
			.param("reminders", form.emailReminders())
			.param("unread", form.emailUnread())
			.param("zone", zone)
			.param("from", from)
			.param("to", to)
			.param("now", now)
			.param("id", accountId)
			.update();
		audit.record(AuditTrail.account(accountId), "NOTIFICATION_PREFERENCES_CHANGED", "account:" + accountId);
	}

	private static String zone(String raw, Map<String, String> errors) {
		String value = raw == null ? "" : raw.trim();
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > 64 || !value.contains("/") || value.startsWith("Etc/")) {
			errors.put("timeZone", "Choose a time zone by region and city, for example Europe/London.");
			return null;
		}
		try {
			return ZoneId.of(value).getId();
		}
		catch (DateTimeException ex) {
			errors.put("timeZone", "Unknown time zone: choose a region and city, for example Europe/London.");
			return null;
		}
	}

	private static LocalTime time(String field, String raw, Map<String, String> errors) {
		String value = raw == null ? "" : raw.trim();
		if (value.isEmpty()) {
			return null;
		}
		try {
			if (value.length() <= 8) {
				return LocalTime.parse(value).truncatedTo(ChronoUnit.MINUTES);
			}
		}
		catch (DateTimeException ex) {
			// Reported below.
		}
		errors.put(field, "Enter a time as hours and minutes, for example 21:00.");
		return null;
	}

	private static void checkQuietHours(Form form, LocalTime from, LocalTime to, String zone,
			Map<String, String> errors) {
		boolean fromGiven = !blank(form.quietFrom());
		boolean toGiven = !blank(form.quietTo());
		if (fromGiven != toGiven) {
			errors.put(fromGiven ? "quietTo" : "quietFrom",
					fromGiven ? "Enter when quiet hours end, or leave both times empty."
							: "Enter when quiet hours start, or leave both times empty.");
			return;
		}
		if (from != null && from.equals(to)) {
			errors.put("quietTo", "Quiet hours must start and end at different times.");
		}
		if (fromGiven && zone == null && !errors.containsKey("timeZone")) {
			errors.put("timeZone", "Enter your time zone, so that quiet hours follow your clock.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * @param emailUnread whether to be told by email that a chat message or letter is
	 * waiting unread
	 * @param timeZone the zone times are written in (and quiet hours kept), or null for
	 * the session's own zone
	 * @param quietHours when no message emails are sent, in {@code timeZone}; null for
	 * none
	 */
	public record Choice(boolean emailNotices, boolean emailReminders, boolean emailUnread, ZoneId timeZone,
			QuietHours quietHours) {

		/**
		 * When the user's quiet hours holding at {@code now} end; empty when {@code now}
		 * is not quiet.
		 */
		public Optional<Instant> quietUntil(Instant now) {
			return quietHours == null || timeZone == null ? Optional.empty() : quietHours.endAfter(now, timeZone);
		}
	}

	/** The preferences form as sent: times and the zone as typed. */
	public record Form(boolean emailNotices, boolean emailReminders, boolean emailUnread, String timeZone,
			String quietFrom, String quietTo) {
	}

}

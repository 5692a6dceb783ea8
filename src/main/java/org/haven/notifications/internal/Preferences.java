package org.haven.notifications.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each user's notification choices. Until a user chooses, notices and reminders go by email. */
@Service
public class Preferences {

	public static final Choice DEFAULTS = new Choice(true, true, null);

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
		return jdbc.sql("select * from notification_preference where account_id = :id").param("id", accountId)
			.query((rs, n) -> new Choice(rs.getBoolean("email_notices"), rs.getBoolean("email_reminders"),
					Optional.ofNullable(rs.getString("time_zone")).map(ZoneId::of).orElse(null)))
			.optional().orElse(DEFAULTS);
	}

	/** Saves the choices; a time zone that is not a known IANA region is refused and nothing changes. */
	@Transactional
	public void save(UUID accountId, boolean emailNotices, boolean emailReminders, String rawZone) {
		String zone = zone(rawZone);
		var now = Timestamps.utc(clock.instant());
		int updated = jdbc.sql("""
				update notification_preference set email_notices = :notices, email_reminders = :reminders, time_zone = :zone,
				updated_at = :now where account_id = :id""")
			.param("notices", emailNotices).param("reminders", emailReminders).param("zone", zone).param("now", now).param("id", accountId)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into notification_preference (account_id, email_notices, email_reminders, time_zone, updated_at)
					values (:id, :notices, :reminders, :zone, :now)""")
				.param("notices", emailNotices).param("reminders", emailReminders).param("zone", zone).param("now", now)
				.param("id", accountId).update();
		}
		audit.record(AuditTrail.account(accountId), "NOTIFICATION_PREFERENCES_CHANGED", "account:" + accountId);
	}

	private static String zone(String raw) {
		String value = raw == null ? "" : raw.trim();
		if (value.isEmpty()) {
			return null;
		}
		if (value.length() > 64 || !value.contains("/") || value.startsWith("Etc/")) {
			throw new InvalidPreference("Choose a time zone by region and city, for example Europe/London.");
		}
		try {
			return ZoneId.of(value).getId();
		}
		catch (DateTimeException ex) {
			throw new InvalidPreference("Unknown time zone: choose a region and city, for example Europe/London.");
		}
	}

	/** @param timeZone the zone times are written in, or null for the session's own zone */
	public record Choice(boolean emailNotices, boolean emailReminders, ZoneId timeZone) {
	}

	public static class InvalidPreference extends RuntimeException {

		InvalidPreference(String message) {
			super(message);
		}
	}
}

package org.haven.texting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.haven.texting.TextReminders;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reminders by text, kept out of the night: nothing arrives between 21:00 and 08:00. */
@Component
class Reminding implements TextReminders {

	static final LocalTime QUIET_FROM = LocalTime.of(21, 0);

	static final LocalTime QUIET_TO = LocalTime.of(8, 0);

	private final JdbcClient jdbc;

	private final Recipients recipients;

	private final TextOutbox outbox;

	private final Texting texting;

	private final Clock clock;

	Reminding(JdbcClient jdbc, Recipients recipients, TextOutbox outbox, Texting texting, Clock clock) {
		this.jdbc = jdbc;
		this.recipients = recipients;
		this.outbox = outbox;
		this.texting = texting;
		this.clock = clock;
	}

	@Override
	public boolean remind(UUID accountId, String text, ZoneId zone, Instant notAfter) {
		if (!texting.enabled()) {
			return false;
		}
		Optional<String> number = jdbc
			.sql("select e164 from text_number where account_id = :id and verified_at is not null and reminders")
			.param("id", accountId)
			.query(String.class)
			.optional()
			.filter(e164 -> recipients.allowed(e164, Purpose.REMINDER));
		if (number.isEmpty()) {
			return false;
		}
		Instant sendAt = awake(clock.instant(), zone);
		if (notAfter != null && !sendAt.isBefore(notAfter)) {
			return false;
		}
		outbox.queue(number.get(), accountId, Purpose.REMINDER, text, sendAt, notAfter, null);
		texting.wakeAfterCommit();
		return true;
	}

	/**
	 * {@code now}, or the next 08:00 in {@code zone} when now is between 21:00 and 08:00
	 * there.
	 */
	static Instant awake(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		LocalTime time = local.toLocalTime();
		if (!time.isBefore(QUIET_FROM)) {
			return local.toLocalDate().plusDays(1).atTime(QUIET_TO).atZone(zone).toInstant();
		}
		if (time.isBefore(QUIET_TO)) {
			return local.toLocalDate().atTime(QUIET_TO).atZone(zone).toInstant();
		}
		return now;
	}

}

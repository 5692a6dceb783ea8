package org.haven.texting.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.haven.shared.time.Timestamps;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may be texted, and for what: asked when a text is queued and again just before it
 * goes out, so a STOP that arrives meanwhile still stops it. Nothing goes to a number
 * that opted out but the one confirmation of its STOP; reminders and clinical texts go
 * only to a verified number whose owner asked for them.
 */
@Component
class Recipients {

	private final JdbcClient jdbc;

	private final Clock clock;

	Recipients(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	boolean allowed(String e164, Purpose purpose) {
		return switch (purpose) {
			case KEYWORD -> true;
			case CODE, NOTICE -> !optedOut(e164);
			case REMINDER -> !optedOut(e164) && verifiedWith(e164, "reminders");
			case CLINICAL -> !optedOut(e164) && verifiedWith(e164, "clinical");
		};
	}

	boolean optedOut(String e164) {
		return jdbc.sql("select count(*) from text_opt_out where e164 = :e164")
			.param("e164", e164)
			.query(Long.class)
			.single() > 0;
	}

	private boolean verifiedWith(String e164, String choice) {
		return jdbc.sql("select count(*) from text_number where e164 = :e164 and verified_at is not null and " + choice)
			.param("e164", e164)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * @return whether the number was opted in before
	 */
	boolean optOut(String e164) {
		return jdbc.sql("insert into text_opt_out (e164, opted_out_at) values (:e164, :now) on conflict do nothing")
			.param("e164", e164)
			.param("now", Timestamps.utc(clock.instant()))
			.update() == 1;
	}

	/**
	 * @return whether the number was opted out before
	 */
	boolean optIn(String e164) {
		return jdbc.sql("delete from text_opt_out where e164 = :e164").param("e164", e164).update() == 1;
	}

	/**
	 * Takes today's one answer to a number that cannot text anyone here; false if it had
	 * it already.
	 */
	boolean strangerReplyDue(String e164) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		return jdbc.sql("""
				insert into text_stranger_reply (e164, replied_on) values (:e164, :today)
				on conflict (e164) do update set replied_on = excluded.replied_on
				where text_stranger_reply.replied_on < excluded.replied_on""")
			.param("e164", e164)
			.param("today", today)
			.update() == 1;
	}

}

package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.util.OptionalInt;
import java.util.UUID;

import org.haven.shared.time.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a therapist tells clients about letters: "I reply within N working days" (1 to
 * 10). One setting per therapist, shown in all their conversations.
 */
@Service
public class ReplyTimes {

	public static final int MIN_DAYS = 1;

	public static final int MAX_DAYS = 10;

	private final JdbcClient jdbc;

	private final Clock clock;

	ReplyTimes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public OptionalInt of(UUID therapistId) {
		return jdbc.sql("select working_days from letter_reply_time where therapist_id = :t")
			.param("t", therapistId)
			.query(Integer.class)
			.optional()
			.map(OptionalInt::of)
			.orElse(OptionalInt.empty());
	}

	/**
	 * The member's own reply time, from what they typed; a client has none to set (not
	 * found, like a stranger). Each statement commits on its own: when two first saves
	 * race, the loser's insert meets the winner's row and it updates that row instead.
	 */
	public int set(Member member, String typed) {
		if (member.isClient()) {
			throw Refused.notFound();
		}
		int days = parse(typed);
		if (update(member, days) == 0) {
			try {
				jdbc.sql("insert into letter_reply_time (therapist_id, working_days, updated_at) values (:t, :d, :now)")
					.param("t", member.accountId())
					.param("d", days)
					.param("now", Timestamps.utc(clock.instant()))
					.update();
			}
			catch (DuplicateKeyException raced) {
				update(member, days);
			}
		}
		return days;
	}

	private int update(Member member, int days) {
		return jdbc.sql("update letter_reply_time set working_days = :d, updated_at = :now where therapist_id = :t")
			.param("d", days)
			.param("now", Timestamps.utc(clock.instant()))
			.param("t", member.accountId())
			.update();
	}

	static int parse(String typed) {
		String value = typed == null ? "" : typed.strip();
		if (value.isEmpty()) {
			throw Refusal.of("days", "Enter the number of working days, from 1 to 10.");
		}
		if (!value.matches("[0-9]{1,3}")) {
			throw Refusal.of("days", "Enter a whole number of working days, from 1 to 10.");
		}
		int days = Integer.parseInt(value);
		if (days < MIN_DAYS || days > MAX_DAYS) {
			throw Refusal.of("days", "Enter a number of working days from 1 to 10.");
		}
		return days;
	}

}

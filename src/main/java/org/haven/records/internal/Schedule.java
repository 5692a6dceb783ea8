package org.haven.records.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How often a measure is asked for. A measure is due from an <em>opening</em> until it is
 * answered: for a schedule by sessions, from {@code openBefore} ahead of each session (or
 * every other one) until the session ends; for one by weeks, from the assignment and
 * every N weeks after; once, from the assignment until answered.
 */
public enum Schedule {

	ONCE("Once"), EVERY_SESSION("Before every session"), EVERY_OTHER_SESSION("Before every other session"),
	EVERY_N_WEEKS("Every few weeks");

	public static final int MAX_WEEKS = 12;

	private final String words;

	Schedule(String words) {
		this.words = words;
	}

	/** The schedule in words, with the weeks for {@link #EVERY_N_WEEKS}. */
	public String words(Integer weeks) {
		if (this != EVERY_N_WEEKS || weeks == null) {
			return words;
		}
		return weeks == 1 ? "Every week" : "Every " + weeks + " weeks";
	}

	/**
	 * The opening that applies now, if one does.
	 * @param sessions the booked sessions of the client with the therapist that end after
	 * the assignment, earliest first
	 * @return the opening and the session it is for (null for other schedules)
	 */
	public Optional<Opening> opening(Instant assignedAt, Integer weeks, List<Session> sessions, Instant now,
			Duration openBefore) {
		return switch (this) {
			case ONCE -> Optional.of(new Opening(assignedAt, null));
			case EVERY_N_WEEKS -> {
				Duration period = Duration.ofDays(7L * weeks);
				long periods = Duration.between(assignedAt, now).toMillis() / period.toMillis();
				yield Optional.of(new Opening(assignedAt.plus(period.multipliedBy(Math.max(0, periods))), null));
			}
			case EVERY_SESSION, EVERY_OTHER_SESSION -> {
				int step = this == EVERY_SESSION ? 1 : 2;
				for (int i = 0; i < sessions.size(); i += step) {
					Session session = sessions.get(i);
					Instant opens = session.start().minus(openBefore);
					if (!opens.isAfter(now) && now.isBefore(session.end())) {
						yield Optional
							.of(new Opening(opens.isBefore(assignedAt) ? assignedAt : opens, session.start()));
					}
				}
				yield Optional.empty();
			}
		};
	}

	/** A booked session's times. */
	public record Session(Instant start, Instant end) {
	}

	/**
	 * @param from answers completed from here on count
	 * @param sessionStart the session the measure is for, or null
	 */
	public record Opening(Instant from, Instant sessionStart) {
	}

}

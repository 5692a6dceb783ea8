package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A therapist's weekly rules, checked as a whole: rules on the same day must not overlap,
 * because an overlap is almost always a typing mistake and would otherwise offer the same
 * hour twice.
 */
record AvailabilityRules(List<WeeklyRule> rules) {

	/**
	 * A week has 7 days; a handful of windows per day is plenty, and the cap bounds slot
	 * generation.
	 */
	static final int MAX_RULES = 50;

	private static final Comparator<WeeklyRule> BY_DAY_AND_START = Comparator.comparing(WeeklyRule::day)
		.thenComparing(WeeklyRule::start);

	public AvailabilityRules {
		if (rules == null) {
			throw Refusal.of("rules", "The weekly rules are required (an empty list means no availability).");
		}
		if (rules.size() > MAX_RULES) {
			throw Refusal.of("rules", "At most " + MAX_RULES + " weekly rules are allowed, not " + rules.size() + ".");
		}
		if (rules.stream().anyMatch(Objects::isNull)) {
			throw Refusal.of("rules", "A weekly rule is missing.");
		}
		// Sorted once here so every reader sees windows in day and time order.
		rules = rules.stream().sorted(BY_DAY_AND_START).toList();
		for (int i = 1; i < rules.size(); i++) {
			WeeklyRule previous = rules.get(i - 1);
			WeeklyRule current = rules.get(i);
			if (previous.overlaps(current)) {
				throw Refusal.of("rules", "The rules " + previous + " and " + current + " overlap. "
						+ "Merge them into one window or change the times.");
			}
		}
	}

	public static AvailabilityRules of(WeeklyRule... rules) {
		return new AvailabilityRules(List.of(rules));
	}

	/** The windows on one day, in order of start time. */
	public List<WeeklyRule> on(DayOfWeek day) {
		return rules.stream().filter(rule -> rule.day() == day).toList();
	}
}

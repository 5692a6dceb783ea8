package org.haven.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Laws of slot generation checked over random time zones, dates in 2026-2030, rules,
 * lengths, buffers, notice, horizons, days off and busy time. Half of the scenarios are
 * centred on one of the zone's daylight-saving transition days (found with
 * {@code ZoneRules.nextTransition}), where mistakes hide.
 *
 * <p>
 * Each run uses a new seed, printed in every failure; rerun a failure with
 * {@code -Dhaven.slots.seed=<seed>}. Scenarios are generated once and shared by all laws
 * to keep the class fast.
 */
class SlotGenerationPropertyTests {

	static final int TRIES = 400;

	static final long SEED = Long.getLong("haven.slots.seed", System.nanoTime());

	static final List<Case> CASES = Scenarios.generate(new Random(SEED), TRIES);

	@Test
	void slotsAreSortedAndNeverOverlapInRealTime() {
		forAll(c -> {
			for (int i = 1; i < c.slots.size(); i++) {
				assertThat(c.slots.get(i).start()).isAfterOrEqualTo(c.slots.get(i - 1).end());
			}
		});
	}

	@Test
	void eachSlotLastsExactlyTheSessionLength() {
		forAll(c -> assertThat(c.slots)
			.allSatisfy(slot -> assertThat(slot.duration()).isEqualTo(c.s.settings.length())));
	}

	@Test
	void everySlotLiesInOneRuleWindowOfItsLocalDate() {
		forAll(c -> assertThat(c.slots).allSatisfy(slot -> assertThat(c.windowOf(slot)).isPresent()));
	}

	@Test
	void consecutiveSlotsOfOneWindowAreAtLeastTheBufferApart() {
		forAll(c -> {
			for (int i = 1; i < c.slots.size(); i++) {
				Slot previous = c.slots.get(i - 1);
				Slot current = c.slots.get(i);
				if (c.sameWindow(previous, current)) {
					assertThat(Duration.between(previous.end(), current.start()))
						.isGreaterThanOrEqualTo(c.s.settings.buffer());
				}
			}
		});
	}

	@Test
	void noSlotLiesOnADayOff() {
		forAll(c -> assertThat(c.slots)
			.noneMatch(slot -> c.s.daysOff.contains(new DayOff(slot.startIn(c.s.zone).toLocalDate()))));
	}

	@Test
	void slotsStartBetweenTheMinimumNoticeAndTheHorizon() {
		forAll(c -> assertThat(c.slots).allSatisfy(slot -> {
			assertThat(slot.start()).isAfterOrEqualTo(c.s.now.plus(c.s.settings.minimumNotice()));
			assertThat(slot.start()).isBeforeOrEqualTo(c.s.now.plus(c.s.settings.horizon()));
		}));
	}

	@Test
	void noSlotComesWithinTheBufferOfBusyTime() {
		forAll(c -> {
			Duration buffer = c.s.settings.buffer();
			for (Slot busy : c.s.busy) {
				Slot widened = new Slot(busy.start().minus(buffer), busy.end().plus(buffer));
				assertThat(c.slots).noneMatch(widened::overlaps);
			}
		});
	}

	@Test
	void generatingIsDeterministicAndIgnoresInputOrder() {
		forAll(c -> {
			List<WeeklyRule> rules = new ArrayList<>(c.s.rules.rules());
			List<Slot> busy = new ArrayList<>(c.s.busy);
			Collections.shuffle(rules, new Random(SEED));
			Collections.shuffle(busy, new Random(SEED));
			assertThat(SlotGenerator.slots(c.s.zone, new AvailabilityRules(rules), c.s.daysOff, c.s.settings, c.s.now,
					busy))
				.isEqualTo(c.slots);
		});
	}

	/**
	 * The laws above would also hold for "no slots at all"; on ordinary days the exact
	 * wall-clock grid must appear.
	 */
	@Test
	void onDaysWithoutTransitionTheWholeWallClockGridIsOffered() {
		Random random = new Random(SEED);
		int checked = 0;
		while (checked < TRIES) {
			ZoneId zone = Scenarios.zone(random);
			LocalDate date = Scenarios.date(random);
			if (Scenarios.hasTransitionNear(zone, date)) {
				continue;
			}
			WeeklyRule rule = Scenarios.window(random, date.getDayOfWeek());
			SessionSettings settings = new SessionSettings(Duration.ofMinutes(15 + 5 * random.nextInt(46)),
					Duration.ofMinutes(5 * random.nextInt(25)), Duration.ZERO, Duration.ofDays(3));
			Instant dayBefore = date.minusDays(1).atTime(12, 0).atZone(zone).toInstant();

			List<LocalDateTime> expected = new ArrayList<>();
			for (LocalDateTime start = date.atTime(rule.start()); !start.plus(settings.length())
				.isAfter(date.atTime(rule.end())); start = start.plus(settings.length()).plus(settings.buffer())) {
				expected.add(start);
			}
			List<LocalDateTime> actual = SlotGenerator
				.slots(zone, AvailabilityRules.of(rule), Set.of(), settings, dayBefore, List.of())
				.stream()
				.map(slot -> slot.startIn(zone).toLocalDateTime())
				.toList();
			assertThat(actual).as("seed %d: %s on %s, %s, %s", SEED, zone, date, rule, settings).isEqualTo(expected);
			checked++;
		}
	}

	/**
	 * Guards the generator itself: if DST days stopped producing slots, the laws would
	 * pass vacuously there. About half the scenarios are anchored on a transition day and
	 * some of those offer slots on it; the count varies with the seed (39 of 400 was seen
	 * once), so the bound is far enough below it never to fail by chance, and still fails
	 * when transition days produce no slots at all.
	 */
	@Test
	void scenariosReallyExerciseTransitionDays() {
		long withSlotsOnATransitionDay = CASES.stream()
			.filter(c -> c.slots.stream()
				.anyMatch(slot -> Scenarios.isTransitionDay(c.s.zone, slot.startIn(c.s.zone).toLocalDate())))
			.count();
		assertThat(withSlotsOnATransitionDay).as("seed %d", SEED).isGreaterThan(TRIES / 40);
	}

	static void forAll(Consumer<Case> law) {
		for (Case c : CASES) {
			try {
				law.accept(c);
			}
			catch (AssertionError failure) {
				throw new AssertionError("seed " + SEED + ", scenario " + c.s + ", slots " + c.slots, failure);
			}
		}
	}

	record Scenario(ZoneId zone, LocalDate anchor, AvailabilityRules rules, Set<DayOff> daysOff,
			SessionSettings settings, Instant now, List<Slot> busy) {
	}

	/**
	 * A scenario with its generated slots, and the questions the laws ask about a slot.
	 */
	record Case(Scenario s, List<Slot> slots) {

		Optional<WeeklyRule> windowOf(Slot slot) {
			LocalDateTime start = slot.startIn(s.zone).toLocalDateTime();
			LocalDateTime end = slot.endIn(s.zone).toLocalDateTime();
			return s.rules.on(start.getDayOfWeek())
				.stream()
				.filter(rule -> end.toLocalDate().equals(start.toLocalDate()))
				.filter(rule -> rule.contains(start.toLocalTime()) && start.toLocalTime().isBefore(rule.end()))
				.filter(rule -> rule.contains(end.toLocalTime()))
				.findFirst();
		}

		boolean sameWindow(Slot a, Slot b) {
			return a.startIn(s.zone).toLocalDate().equals(b.startIn(s.zone).toLocalDate())
					&& windowOf(a).equals(windowOf(b));
		}
	}

	/**
	 * Random but plausible input; bounds follow {@link SessionSettings} so every scenario
	 * is valid.
	 */
	static final class Scenarios {

		static final List<String> ZONES = List.copyOf(TimeZones.regionIds());

		static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

		static final LocalDate LAST = LocalDate.of(2030, 12, 31);

		static List<Case> generate(Random random, int count) {
			List<Case> cases = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				Scenario s = scenario(random);
				cases.add(new Case(s, SlotGenerator.slots(s.zone, s.rules, s.daysOff, s.settings, s.now, s.busy)));
			}
			return cases;
		}

		static Scenario scenario(Random random) {
			ZoneId zone = zone(random);
			List<LocalDate> transitionDays = transitionDays(zone);
			LocalDate anchor = random.nextBoolean() && !transitionDays.isEmpty()
					? transitionDays.get(random.nextInt(transitionDays.size())) : date(random);
			SessionSettings settings = settings(random);
			// "now" lies up to a day before the anchor's start of day minus the notice,
			// so the anchor is offered.
			Instant now = anchor.atStartOfDay(zone)
				.toInstant()
				.minus(settings.minimumNotice())
				.minusSeconds(random.nextInt(24 * 60 * 60));
			return new Scenario(zone, anchor, rules(random), daysOff(random, anchor), settings, now,
					busy(random, anchor, zone));
		}

		static ZoneId zone(Random random) {
			return ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
		}

		static LocalDate date(Random random) {
			return FIRST.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(FIRST, LAST) + 1));
		}

		static List<LocalDate> transitionDays(ZoneId zone) {
			List<LocalDate> days = new ArrayList<>();
			Instant cursor = FIRST.atStartOfDay(zone).toInstant();
			Instant end = LAST.plusDays(1).atStartOfDay(zone).toInstant();
			for (ZoneOffsetTransition t = zone.getRules().nextTransition(cursor); t != null
					&& t.getInstant().isBefore(end); t = zone.getRules().nextTransition(t.getInstant())) {
				// Both local dates: a transition at midnight belongs to the day before
				// and the day after.
				days.add(t.getDateTimeBefore().toLocalDate());
				days.add(t.getDateTimeAfter().toLocalDate());
			}
			return days;
		}

		static boolean isTransitionDay(ZoneId zone, LocalDate date) {
			Instant start = date.atStartOfDay(zone).toInstant();
			ZoneOffsetTransition next = zone.getRules().nextTransition(start.minusSeconds(1));
			return next != null && next.getInstant().isBefore(date.plusDays(1).atStartOfDay(zone).toInstant());
		}

		static boolean hasTransitionNear(ZoneId zone, LocalDate date) {
			return isTransitionDay(zone, date.minusDays(1)) || isTransitionDay(zone, date)
					|| isTransitionDay(zone, date.plusDays(1));
		}

		static SessionSettings settings(Random random) {
			Duration length = Duration
				.ofMinutes(random.nextInt(3) > 0 ? 15 + 5 * random.nextInt(16) : 15 + 5 * random.nextInt(46));
			Duration buffer = Duration.ofMinutes(random.nextInt(5) < 2 ? 0 : 5 * random.nextInt(25));
			int noticeKind = random.nextInt(5);
			Duration notice = Duration.ofMinutes(
					noticeKind < 2 ? 0 : noticeKind < 4 ? random.nextInt(24 * 60) : random.nextInt(14 * 24 * 60 + 1));
			Duration horizon = notice.plusDays(1)
				.plusMinutes(random.nextInt(random.nextInt(10) == 0 ? 350 * 24 * 60 : 14 * 24 * 60));
			return new SessionSettings(length, buffer, notice, min(horizon, SessionSettings.MAX_HORIZON));
		}

		static AvailabilityRules rules(Random random) {
			List<WeeklyRule> rules = new ArrayList<>();
			int kind = random.nextInt(5);
			for (DayOfWeek day : DayOfWeek.values()) {
				if (kind == 0) {
					rules.add(new WeeklyRule(day, LocalTime.MIDNIGHT, LocalTime.of(23, 59))); // catches
																								// a
																								// transition
																								// at
																								// any
																								// hour
				}
				else if (kind == 1) {
					rules.add(new WeeklyRule(day, LocalTime.MIDNIGHT, LocalTime.of(4, 0))); // where
																							// most
																							// transitions
																							// happen
					rules.add(new WeeklyRule(day, LocalTime.of(9, 0), LocalTime.of(17, 0)));
				}
				else if (random.nextInt(10) < 7) {
					rules.addAll(windows(random, day, kind == 2));
				}
			}
			return new AvailabilityRules(rules);
		}

		/**
		 * Up to four windows on one day, either touching each other or with gaps between
		 * them.
		 */
		static List<WeeklyRule> windows(Random random, DayOfWeek day, boolean touching) {
			int count = 1 + random.nextInt(4);
			SortedSet<Integer> points = new TreeSet<>();
			while (points.size() < (touching ? count + 1 : 2 * count)) {
				points.add(5 * random.nextInt(24 * 12)); // minutes of the day,
															// 00:00-23:55
			}
			List<LocalTime> times = points.stream().map(m -> LocalTime.of(m / 60, m % 60)).toList();
			List<WeeklyRule> windows = new ArrayList<>();
			for (int i = 0; i + 1 < times.size(); i += touching ? 1 : 2) {
				windows.add(new WeeklyRule(day, times.get(i), times.get(i + 1)));
			}
			return windows;
		}

		static WeeklyRule window(Random random, DayOfWeek day) {
			return windows(random, day, false).get(0);
		}

		static Set<DayOff> daysOff(Random random, LocalDate anchor) {
			Set<DayOff> days = new HashSet<>();
			for (int i = random.nextInt(3); i > 0; i--) {
				days.add(new DayOff(anchor.plusDays(random.nextInt(14) - 3)));
			}
			return days;
		}

		static List<Slot> busy(Random random, LocalDate anchor, ZoneId zone) {
			Instant base = anchor.atStartOfDay(zone).toInstant();
			List<Slot> busy = new ArrayList<>();
			for (int i = random.nextInt(5); i > 0; i--) {
				Instant start = base.plus(Duration.ofMinutes(random.nextInt(7 * 24 * 60) - 2 * 24 * 60));
				busy.add(new Slot(start, start.plus(Duration.ofMinutes(5 + random.nextInt(600)))));
			}
			return busy;
		}

		static Duration min(Duration a, Duration b) {
			return a.compareTo(b) <= 0 ? a : b;
		}

	}

}

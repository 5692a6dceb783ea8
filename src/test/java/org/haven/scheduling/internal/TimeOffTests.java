package org.haven.scheduling.internal;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.scheduling.internal.SlotGenerationTests.NEW_YORK;
import static org.haven.scheduling.internal.SlotGenerationTests.TOKYO;
import static org.haven.scheduling.internal.SlotGenerationTests.local;
import static org.haven.scheduling.internal.SlotGenerationTests.refused;
import static org.haven.scheduling.internal.SlotGenerationTests.rule;
import static org.haven.scheduling.internal.SlotGenerationTests.rules;
import static org.haven.scheduling.internal.SlotGenerationTests.settings;
import static org.haven.scheduling.internal.SlotGenerationTests.shown;
import static org.haven.scheduling.internal.SlotGenerationTests.startTimes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Time off removes exactly the slots it overlaps, on the therapist's clock, including on
 * daylight-saving days.
 */
class TimeOffTests {

	static final AvailabilityRules MONDAY_MORNINGS = rules(rule(MONDAY, "09:00", "13:00"));
	static final Instant SUNDAY_NOON = local(TOKYO, "2027-01-03T12:00");

	@Test
	void slotsOverlappingTheTimeOffGoAndTheOthersStayWithoutABuffer() {
		// 50-minute sessions with a 10-minute break: 09:00, 10:00, 11:00, 12:00.
		List<Slot> slots = generate(TOKYO, MONDAY_MORNINGS, settings(50, 10, 8), SUNDAY_NOON,
				off("2027-01-04", "11:00", "12:00"));

		// 10:00-10:50 ends before 11:00 and 12:00 starts as the time off ends: both touch
		// it and stay, the buffer
		// of booked sessions does not apply. The next Monday is untouched.
		assertThat(startTimes(slots)).containsExactly("2027-01-04T09:00", "2027-01-04T10:00", "2027-01-04T12:00",
				"2027-01-11T09:00", "2027-01-11T10:00", "2027-01-11T11:00", "2027-01-11T12:00");
	}

	@Test
	void aShortTimeOffInsideOneSlotRemovesThatSlotOnly() {
		List<Slot> slots = generate(TOKYO, MONDAY_MORNINGS, settings(50, 10), SUNDAY_NOON,
				off("2027-01-04", "10:30", "10:40"));

		assertThat(startTimes(slots)).containsExactly("2027-01-04T09:00", "2027-01-04T11:00", "2027-01-04T12:00");
	}

	@Test
	void timeOffOnAnotherDateOrOutsideTheWeeklyTimesRemovesNothing() {
		List<Slot> slots = generate(TOKYO, MONDAY_MORNINGS, settings(50, 10), SUNDAY_NOON,
				off("2027-01-05", "09:00", "13:00"), off("2027-01-04", "13:00", "18:00"),
				off("2027-01-04", "06:00", "09:00"));

		assertThat(startTimes(slots)).containsExactly("2027-01-04T09:00", "2027-01-04T10:00", "2027-01-04T11:00",
				"2027-01-04T12:00");
	}

	@Test
	void overlappingTimesOffBlockTheirUnion() {
		List<Slot> slots = generate(TOKYO, MONDAY_MORNINGS, settings(50, 10), SUNDAY_NOON,
				off("2027-01-04", "09:30", "10:30"), off("2027-01-04", "10:00", "11:30"));

		assertThat(startTimes(slots)).containsExactly("2027-01-04T12:00");
	}

	@Test
	void onAFallBackDayTheWholeRepeatedRangeIsBlocked() {
		// 2027-11-07: 01:00-02:00 happens twice in New York. 01:00-02:00 off covers both
		// of them.
		List<Slot> slots = generate(NEW_YORK, rules(rule(SUNDAY, "00:00", "04:00")), settings(60, 0),
				local(NEW_YORK, "2027-11-06T12:00"), off("2027-11-07", "01:00", "02:00"));

		assertThat(shown(slots, NEW_YORK)).containsExactly("2027-11-07T00:00-04:00/2027-11-07T01:00-04:00",
				"2027-11-07T02:00-05:00/2027-11-07T03:00-05:00", "2027-11-07T03:00-05:00/2027-11-07T04:00-05:00");
		assertThat(off("2027-11-07", "01:30", "01:45").span(NEW_YORK))
			.contains(new Slot(Instant.parse("2027-11-07T05:30:00Z"), Instant.parse("2027-11-07T06:45:00Z")));
	}

	@Test
	void aTimeInASpringForwardGapStandsForTheMomentTheClockJumps() {
		// 2027-03-14: New York's clocks go from 02:00 straight to 03:00.
		assertThat(off("2027-03-14", "01:00", "02:30").span(NEW_YORK))
			.contains(new Slot(Instant.parse("2027-03-14T06:00:00Z"), Instant.parse("2027-03-14T07:00:00Z")));
		assertThat(off("2027-03-14", "02:15", "03:30").span(NEW_YORK))
			.contains(new Slot(Instant.parse("2027-03-14T07:00:00Z"), Instant.parse("2027-03-14T07:30:00Z")));
		assertThat(off("2027-03-14", "02:10", "02:50").span(NEW_YORK)).isEmpty();

		List<Slot> slots = generate(NEW_YORK, rules(rule(SUNDAY, "00:00", "04:00")), settings(60, 0),
				local(NEW_YORK, "2027-03-13T12:00"), off("2027-03-14", "01:00", "02:30"),
				off("2027-03-14", "02:10", "02:50"));
		assertThat(shown(slots, NEW_YORK)).containsExactly("2027-03-14T00:00-05:00/2027-03-14T01:00-05:00",
				"2027-03-14T03:00-04:00/2027-03-14T04:00-04:00");
	}

	/**
	 * The law behind the examples, over the random scenarios of
	 * {@link SlotGenerationPropertyTests} (transition days included): time off only takes
	 * away, and takes away exactly the slots overlapping its real-time span.
	 */
	@Test
	void timeOffRemovesExactlyTheSlotsOverlappingItsSpanAndNothingElse() {
		Random random = new Random(SlotGenerationPropertyTests.SEED);
		for (int i = 0; i < SlotGenerationPropertyTests.TRIES; i++) {
			SlotGenerationPropertyTests.Scenario s = SlotGenerationPropertyTests.Scenarios.scenario(random);
			List<TimeOff> timeOff = new ArrayList<>();
			for (int n = random.nextInt(4); n > 0; n--) {
				int from = random.nextInt(24 * 60 - 1);
				int until = from + 1 + random.nextInt(24 * 60 - 1 - from);
				timeOff.add(new TimeOff(null, s.anchor().plusDays(random.nextInt(5) - 1),
						LocalTime.of(from / 60, from % 60), LocalTime.of(until / 60, until % 60), null));
			}
			List<Slot> spans = timeOff.stream().flatMap(t -> t.span(s.zone()).stream()).toList();
			List<Slot> without = SlotGenerator.slots(s.zone(), s.rules(), s.daysOff(), s.settings(), s.now(), s.busy());

			assertThat(SlotGenerator.slots(s.zone(), s.rules(), s.daysOff(), timeOff, s.settings(), s.now(), s.busy()))
				.as("seed %s, scenario %s, time off %s", SlotGenerationPropertyTests.SEED, s, timeOff)
				.isEqualTo(without.stream().filter(slot -> spans.stream().noneMatch(slot::overlaps)).toList());
		}
	}

	@Test
	void timeOffMustEndAfterItStartsOnTheSameDate() {
		refused(() -> off("2027-01-04", "17:00", "13:00"), "timeOffUntil",
				"The end 13:00 must be after the start 17:00");
		refused(() -> off("2027-01-04", "13:00", "13:00"), "timeOffUntil", "must be after the start");
		refused(() -> new TimeOff(null, null, LocalTime.NOON, LocalTime.MIDNIGHT, null), "timeOffDate", "needs a date");
	}

	static TimeOff off(String date, String from, String until) {
		return new TimeOff(null, LocalDate.parse(date), LocalTime.parse(from), LocalTime.parse(until), null);
	}

	static List<Slot> generate(ZoneId zone, AvailabilityRules rules, SessionSettings settings, Instant now,
			TimeOff... timeOff) {
		return SlotGenerator.slots(zone, rules, Set.of(), List.of(timeOff), settings, now, List.of());
	}

}

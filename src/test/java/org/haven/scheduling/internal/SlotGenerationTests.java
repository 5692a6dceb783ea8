package org.haven.scheduling.internal;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.haven.shared.web.Refusal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Worked examples of slot generation; the general laws are in
 * {@link SlotGenerationPropertyTests}.
 */
class SlotGenerationTests {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
	static final ZoneId LONDON = ZoneId.of("Europe/London");
	static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
	static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Nested
	class DaylightSaving {

		@Test
		void newYorkSpringForwardSkipsTheMissingHourAndKeepsEverySessionOneRealHour() {
			// 2027-03-14: at 02:00 EST the clocks jump to 03:00 EDT.
			List<Slot> slots = generate(NEW_YORK, rules(rule(SUNDAY, "00:00", "04:00")), settings(60, 0),
					local(NEW_YORK, "2027-03-13T12:00"));

			assertThat(shown(slots, NEW_YORK)).containsExactly("2027-03-14T00:00-05:00/2027-03-14T01:00-05:00",
					// one real hour, although the clock moves two
					"2027-03-14T01:00-05:00/2027-03-14T03:00-04:00",
					// 02:00 never happens that day, so no slot starts then
					"2027-03-14T03:00-04:00/2027-03-14T04:00-04:00");
			assertThat(slots).allSatisfy(slot -> assertThat(slot.duration()).isEqualTo(Duration.ofHours(1)));
		}

		@Test
		void newYorkFallBackOffersTheRepeatedHourOnceAndNeverTwice() {
			// 2027-11-07: at 02:00 EDT the clocks go back to 01:00 EST, so 01:00-02:00
			// happens twice.
			List<Slot> slots = generate(NEW_YORK, rules(rule(SUNDAY, "00:00", "04:00")), settings(60, 0),
					local(NEW_YORK, "2027-11-06T12:00"));

			assertThat(shown(slots, NEW_YORK)).containsExactly("2027-11-07T00:00-04:00/2027-11-07T01:00-04:00",
					"2027-11-07T01:00-04:00/2027-11-07T01:00-05:00", "2027-11-07T02:00-05:00/2027-11-07T03:00-05:00",
					"2027-11-07T03:00-05:00/2027-11-07T04:00-05:00");
			assertThat(slots).doesNotHaveDuplicates();
			assertThat(instants(slots)).containsExactly("2027-11-07T04:00:00Z", "2027-11-07T05:00:00Z",
					"2027-11-07T07:00:00Z", "2027-11-07T08:00:00Z");
		}

		@Test
		void aSessionThatWouldEndBeforeItsWindowOnTheClockIsNotOffered() {
			// 01:45 EDT plus 30 minutes is 01:15 EST, before the window opens at 01:45.
			List<Slot> slots = generate(NEW_YORK, rules(rule(SUNDAY, "01:45", "03:00")), settings(30, 0),
					local(NEW_YORK, "2027-11-06T12:00"));

			assertThat(shown(slots, NEW_YORK)).containsExactly("2027-11-07T02:15-05:00/2027-11-07T02:45-05:00");
		}

		@Test
		void londonKeepsTheWallClockTimeAcrossTheChange() {
			// British Summer Time starts on 2027-03-28: "Mondays at nine" moves one hour
			// earlier in UTC.
			List<Slot> slots = generate(LONDON, rules(rule(MONDAY, "09:00", "10:00")), settings(50, 10, 15),
					local(LONDON, "2027-03-21T12:00"));

			assertThat(shown(slots, LONDON)).containsExactly("2027-03-22T09:00Z/2027-03-22T09:50Z",
					"2027-03-29T09:00+01:00/2027-03-29T09:50+01:00", "2027-04-05T09:00+01:00/2027-04-05T09:50+01:00");
			assertThat(instants(slots)).containsExactly("2027-03-22T09:00:00Z", "2027-03-29T08:00:00Z",
					"2027-04-05T08:00:00Z");
		}

		@Test
		void lordHoweSpringForwardSkipsTheMissingHalfHour() {
			// 2027-10-03: at 02:00 (+10:30) Lord Howe Island moves its clocks to 02:30
			// (+11:00).
			List<Slot> slots = generate(LORD_HOWE, rules(rule(SUNDAY, "01:00", "04:00")), settings(30, 0),
					local(LORD_HOWE, "2027-10-02T12:00"));

			assertThat(shown(slots, LORD_HOWE)).containsExactly("2027-10-03T01:00+10:30/2027-10-03T01:30+10:30",
					"2027-10-03T01:30+10:30/2027-10-03T02:30+11:00", "2027-10-03T02:30+11:00/2027-10-03T03:00+11:00",
					"2027-10-03T03:00+11:00/2027-10-03T03:30+11:00", "2027-10-03T03:30+11:00/2027-10-03T04:00+11:00");
		}

		@Test
		void lordHoweFallBackOffersTheRepeatedHalfHourOnce() {
			// 2027-04-04: at 02:00 (+11:00) the clocks go back to 01:30 (+10:30).
			List<Slot> slots = generate(LORD_HOWE, rules(rule(SUNDAY, "01:00", "03:00")), settings(30, 0),
					local(LORD_HOWE, "2027-04-03T12:00"));

			assertThat(shown(slots, LORD_HOWE)).containsExactly("2027-04-04T01:00+11:00/2027-04-04T01:30+11:00",
					"2027-04-04T01:30+11:00/2027-04-04T01:30+10:30", "2027-04-04T02:00+10:30/2027-04-04T02:30+10:30",
					"2027-04-04T02:30+10:30/2027-04-04T03:00+10:30");
		}

		@Test
		void aZoneWithoutDaylightSavingKeepsTheSameInstantsEveryWeek() {
			List<Slot> slots = generate(TOKYO, rules(rule(MONDAY, "09:00", "12:00")), settings(60, 0, 24),
					local(TOKYO, "2027-03-13T12:00"));

			assertThat(instants(slots)).containsExactly("2027-03-15T00:00:00Z", "2027-03-15T01:00:00Z",
					"2027-03-15T02:00:00Z", "2027-03-22T00:00:00Z", "2027-03-22T01:00:00Z", "2027-03-22T02:00:00Z",
					"2027-03-29T00:00:00Z", "2027-03-29T01:00:00Z", "2027-03-29T02:00:00Z", "2027-04-05T00:00:00Z",
					"2027-04-05T01:00:00Z", "2027-04-05T02:00:00Z");
		}

		@Test
		void aViewerInAnotherZoneSeesTheSameInstantsOnTheirOwnClock() {
			// Between 2027-03-14 (US summer time) and 2027-03-28 (EU summer time) New
			// York is 5 h behind
			// Berlin instead of 6 h; the viewer must see that, not a fixed difference.
			List<Slot> slots = generate(NEW_YORK, rules(rule(MONDAY, "09:00", "10:00")), settings(60, 0, 30),
					local(NEW_YORK, "2027-03-07T12:00"));

			assertThat(slots).allSatisfy(slot -> assertThat(slot.startIn(BERLIN).toInstant()).isEqualTo(slot.start()));
			assertThat(slots.stream().map(slot -> slot.startIn(BERLIN).toLocalDateTime().toString()).toList())
				.startsWith("2027-03-08T15:00", "2027-03-15T14:00", "2027-03-22T14:00", "2027-03-29T15:00");
		}

	}

	@Nested
	class NoticeHorizonDaysOffAndBusyTime {

		final AvailabilityRules mondayMornings = rules(rule(MONDAY, "09:00", "12:00"));

		@Test
		void minimumNoticeHidesSlotsStartingTooSoon() {
			SessionSettings oneHourNotice = new SessionSettings(minutes(60), minutes(0), minutes(60),
					Duration.ofDays(1));

			List<Slot> slots = generate(TOKYO, mondayMornings, oneHourNotice, local(TOKYO, "2027-01-04T09:30"));

			assertThat(shown(slots, TOKYO)).containsExactly("2027-01-04T11:00+09:00/2027-01-04T12:00+09:00");
		}

		@Test
		void horizonLimitsHowFarAheadASessionMayStart() {
			Instant mondayEarly = local(TOKYO, "2027-01-04T08:00");

			assertThat(generate(TOKYO, mondayMornings, settingsWithHorizon(Duration.ofDays(7)), mondayEarly))
				.hasSize(3);
			// a slot starting exactly at the horizon is still offered
			assertThat(
					generate(TOKYO, mondayMornings, settingsWithHorizon(Duration.ofDays(7).plusHours(1)), mondayEarly))
				.hasSize(4)
				.last()
				.satisfies(slot -> assertThat(slot.start()).isEqualTo(local(TOKYO, "2027-01-11T09:00")));
		}

		@Test
		void daysOffAreDatesOnTheTherapistsClock() {
			List<Slot> slots = SlotGenerator.slots(TOKYO, mondayMornings, Set.of(new DayOff(LocalDate.of(2027, 1, 4))),
					settingsWithHorizon(Duration.ofDays(8)), local(TOKYO, "2027-01-04T08:00"), List.of());

			assertThat(slots).isNotEmpty()
				.allSatisfy(slot -> assertThat(slot.startIn(TOKYO).toLocalDate()).isEqualTo(LocalDate.of(2027, 1, 11)));
		}

		@Test
		void busyTimeBlocksSlotsWithinTheBuffer() {
			AvailabilityRules mornings = rules(rule(MONDAY, "09:00", "13:00"));
			SessionSettings fiftyMinutesTenBuffer = settings(50, 10, 14);
			Instant now = local(TOKYO, "2027-01-03T12:00");

			// A booked 11:00-11:50 session blocks 10:50-12:00: the 10:00 and 12:00 slots
			// only touch it.
			Slot booked = new Slot(local(TOKYO, "2027-01-04T11:00"), local(TOKYO, "2027-01-04T11:50"));
			assertThat(startTimes(
					SlotGenerator.slots(TOKYO, mornings, Set.of(), fiftyMinutesTenBuffer, now, List.of(booked))))
				.startsWith("2027-01-04T09:00", "2027-01-04T10:00", "2027-01-04T12:00", "2027-01-11T09:00");

			// A dentist appointment 11:55-12:05 blocks 11:45-12:15, so the 11:00 and
			// 12:00 slots go.
			Slot dentist = new Slot(local(TOKYO, "2027-01-04T11:55"), local(TOKYO, "2027-01-04T12:05"));
			assertThat(startTimes(
					SlotGenerator.slots(TOKYO, mornings, Set.of(), fiftyMinutesTenBuffer, now, List.of(dentist))))
				.startsWith("2027-01-04T09:00", "2027-01-04T10:00", "2027-01-11T09:00");
		}

		@Test
		void adjacentWindowsStillKeepTheBufferBetweenSessions() {
			AvailabilityRules split = rules(rule(MONDAY, "09:00", "13:00"), rule(MONDAY, "13:00", "15:00"));

			List<Slot> slots = generate(TOKYO, split, settings(60, 30, 14), local(TOKYO, "2027-01-03T12:00"));

			// 12:00-13:00 ends the first window; 13:00 would follow with no break, so the
			// next is 14:30-... which
			// does not fit; the second window offers nothing that day.
			assertThat(startTimes(slots)).startsWith("2027-01-04T09:00", "2027-01-04T10:30", "2027-01-04T12:00",
					"2027-01-11T09:00");
		}

	}

	@Nested
	class BadInput {

		@Test
		void timeZonesMustBeIanaRegions() {
			assertThat(TimeZones.parse("Europe/Berlin")).isEqualTo(BERLIN);
			assertThat(TimeZones.parse(" Australia/Lord_Howe ")).isEqualTo(LORD_HOWE);

			for (String fixedOrUnknown : List.of("+02:00", "GMT+2", "UTC+01:00", "Etc/GMT-2", "UTC", "CET", "Z",
					"Mars/Olympus_Mons", "europe/berlin")) {
				refused(() -> TimeZones.parse(fixedOrUnknown), "timeZone", "is not a time zone region");
			}
			refused(() -> TimeZones.parse(null), "timeZone", "Choose a time zone");
			refused(() -> TimeZones.parse("   "), "timeZone", "Choose a time zone");
			refused(() -> TimeZones.parse("Europe/" + "x".repeat(60)), "timeZone", "at most 64 characters");
		}

		@Test
		void aRuleMustEndAfterItStarts() {
			refused(() -> rule(MONDAY, "17:00", "09:00"), "rules",
					"On Monday the end 09:00 must be after the start 17:00");
			refused(() -> rule(MONDAY, "09:00", "09:00"), "rules", "must be after the start");
			refused(() -> new WeeklyRule(null, LocalTime.NOON, LocalTime.MIDNIGHT), "rules", "needs a day");
		}

		@Test
		void overlappingRulesOnTheSameDayAreRefusedNamingDayAndTimes() {
			refused(() -> rules(rule(MONDAY, "11:00", "13:00"), rule(MONDAY, "09:00", "12:00")), "rules",
					"The rules Monday 09:00-12:00 and Monday 11:00-13:00 overlap");
			refused(() -> rules(rule(MONDAY, "09:00", "12:00"), rule(MONDAY, "09:00", "12:00")), "rules", "overlap");

			// touching windows and the same hours on different days are fine
			assertThat(rules(rule(MONDAY, "09:00", "12:00"), rule(MONDAY, "12:00", "17:00"),
					rule(SUNDAY, "09:00", "12:00"))
				.rules()).hasSize(3);
		}

		@Test
		void tooManyRulesAreRefused() {
			List<WeeklyRule> many = new ArrayList<>();
			for (DayOfWeek day : DayOfWeek.values()) {
				for (int hour = 0; hour < 8; hour++) {
					many.add(new WeeklyRule(day, LocalTime.of(hour, 0), LocalTime.of(hour, 30)));
				}
			}
			assertThat(new AvailabilityRules(many.subList(0, 50)).rules()).hasSize(50);
			refused(() -> new AvailabilityRules(many.subList(0, 51)), "rules",
					"At most 50 weekly rules are allowed, not 51");
			List<WeeklyRule> withNull = new ArrayList<>(many.subList(0, 2));
			withNull.add(null);
			refused(() -> new AvailabilityRules(withNull), "rules", "missing");
		}

		@Test
		void sessionSettingsStayWithinSensibleBounds() {
			Duration day = Duration.ofDays(1);
			refused(() -> new SessionSettings(minutes(10), minutes(0), minutes(0), day), "length",
					"The session length must be between 15 minutes and 4 hours, not 10 minutes");
			refused(() -> new SessionSettings(minutes(241), minutes(0), minutes(0), day), "length", "not 241 minutes");
			refused(() -> new SessionSettings(minutes(50).plusSeconds(30), minutes(0), minutes(0), day), "length",
					"whole number of minutes");
			refused(() -> new SessionSettings(null, minutes(0), minutes(0), day), "length", "required");
			refused(() -> new SessionSettings(minutes(50), minutes(-5), minutes(0), day), "buffer",
					"between 0 minutes and 2 hours, not -5 minutes");
			refused(() -> new SessionSettings(minutes(50), minutes(121), minutes(0), day), "buffer", "not 121 minutes");
			refused(() -> new SessionSettings(minutes(50), minutes(0), Duration.ofDays(15), Duration.ofDays(30)),
					"minimumNotice", "between 0 minutes and 14 days, not 15 days");
			refused(() -> new SessionSettings(minutes(50), minutes(0), minutes(0), Duration.ofHours(12)), "horizon",
					"between 1 day and 365 days, not 12 hours");
			refused(() -> new SessionSettings(minutes(50), minutes(0), minutes(0), Duration.ofDays(366)), "horizon",
					"not 366 days");
			refused(() -> new SessionSettings(minutes(50), minutes(0), Duration.ofDays(2), Duration.ofDays(2)),
					"horizon", "must be longer than the minimum notice");
		}

		@Test
		void aSpanMustEndAfterItStarts() {
			Instant now = Instant.parse("2027-01-01T00:00:00Z");
			refused(() -> new Slot(now, now), "slot", "must end after it starts");
			refused(() -> new DayOff(null), "daysOff", "needs a date");
		}

	}

	// Named fixtures, so each test reads as its scenario.

	static WeeklyRule rule(DayOfWeek day, String start, String end) {
		return new WeeklyRule(day, LocalTime.parse(start), LocalTime.parse(end));
	}

	static AvailabilityRules rules(WeeklyRule... rules) {
		return AvailabilityRules.of(rules);
	}

	static Duration minutes(long minutes) {
		return Duration.ofMinutes(minutes);
	}

	/**
	 * No notice and two days ahead: examples made at noon the day before see just the day
	 * they are about.
	 */
	static SessionSettings settings(long lengthMinutes, long bufferMinutes) {
		return settings(lengthMinutes, bufferMinutes, 2);
	}

	static SessionSettings settings(long lengthMinutes, long bufferMinutes, long horizonDays) {
		return new SessionSettings(minutes(lengthMinutes), minutes(bufferMinutes), Duration.ZERO,
				Duration.ofDays(horizonDays));
	}

	static SessionSettings settingsWithHorizon(Duration horizon) {
		return new SessionSettings(minutes(60), Duration.ZERO, Duration.ZERO, horizon);
	}

	static Instant local(ZoneId zone, String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
	}

	static List<Slot> generate(ZoneId zone, AvailabilityRules rules, SessionSettings settings, Instant now) {
		return SlotGenerator.slots(zone, rules, Set.of(), settings, now, List.of());
	}

	/**
	 * Start and end as the viewer's clock shows them, with the offset, e.g.
	 * 2027-03-14T01:00-05:00.
	 */
	static List<String> shown(List<Slot> slots, ZoneId viewer) {
		return slots.stream()
			.map(slot -> slot.startIn(viewer).toOffsetDateTime() + "/" + slot.endIn(viewer).toOffsetDateTime())
			.toList();
	}

	static List<String> instants(List<Slot> slots) {
		return slots.stream().map(slot -> slot.start().toString()).toList();
	}

	static List<String> startTimes(List<Slot> slots) {
		return slots.stream().map(slot -> slot.startIn(TOKYO).toLocalDateTime().toString()).toList();
	}

	static void refused(ThrowingCallable call, String field, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(Refusal.class, refusal -> {
			assertThat(refusal.field()).isEqualTo(field);
			assertThat(refusal.getMessage()).contains(message);
		});
	}

}

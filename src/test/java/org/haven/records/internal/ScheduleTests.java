package org.haven.records.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.haven.records.internal.Schedule.Opening;
import org.haven.records.internal.Schedule.Session;
import org.junit.jupiter.api.Test;

/** When a measure opens, for each schedule. */
class ScheduleTests {

	static final Instant ASSIGNED = Instant.parse("2031-03-03T09:00:00Z");

	static final Duration OPEN_BEFORE = Duration.ofDays(3);

	static final List<Session> WEEKLY = List.of(session("2031-03-10T10:00:00Z"), session("2031-03-17T10:00:00Z"),
			session("2031-03-24T10:00:00Z"));

	static Session session(String start) {
		Instant at = Instant.parse(start);
		return new Session(at, at.plus(Duration.ofMinutes(50)));
	}

	@Test
	void onceOpensAtTheAssignment() {
		assertThat(Schedule.ONCE.opening(ASSIGNED, null, List.of(), ASSIGNED.plus(Duration.ofDays(40)), OPEN_BEFORE))
			.contains(new Opening(ASSIGNED, null));
	}

	@Test
	void everySessionOpensThreeDaysBeforeEachSessionUntilItEnds() {
		Instant tooEarly = Instant.parse("2031-03-07T09:00:00Z");
		assertThat(Schedule.EVERY_SESSION.opening(ASSIGNED, null, WEEKLY, tooEarly, OPEN_BEFORE)).isEmpty();
		Instant dayBefore = Instant.parse("2031-03-16T10:00:00Z");
		assertThat(Schedule.EVERY_SESSION.opening(ASSIGNED, null, WEEKLY, dayBefore, OPEN_BEFORE))
			.contains(new Opening(Instant.parse("2031-03-14T10:00:00Z"), Instant.parse("2031-03-17T10:00:00Z")));
		Instant after = Instant.parse("2031-03-17T11:00:00Z");
		assertThat(Schedule.EVERY_SESSION.opening(ASSIGNED, null, WEEKLY, after, OPEN_BEFORE)).isEmpty();
	}

	@Test
	void everyOtherSessionSkipsTheSecond() {
		assertThat(Schedule.EVERY_OTHER_SESSION.opening(ASSIGNED, null, WEEKLY, Instant.parse("2031-03-09T10:00:00Z"),
				OPEN_BEFORE))
			.map(Opening::sessionStart)
			.contains(Instant.parse("2031-03-10T10:00:00Z"));
		assertThat(Schedule.EVERY_OTHER_SESSION.opening(ASSIGNED, null, WEEKLY, Instant.parse("2031-03-16T10:00:00Z"),
				OPEN_BEFORE))
			.isEmpty();
		assertThat(Schedule.EVERY_OTHER_SESSION.opening(ASSIGNED, null, WEEKLY, Instant.parse("2031-03-23T10:00:00Z"),
				OPEN_BEFORE))
			.map(Opening::sessionStart)
			.contains(Instant.parse("2031-03-24T10:00:00Z"));
	}

	@Test
	void aSessionSoonAfterTheAssignmentOpensAtTheAssignment() {
		Instant now = ASSIGNED.plus(Duration.ofHours(1));
		List<Session> tomorrow = List.of(session("2031-03-04T10:00:00Z"));
		assertThat(Schedule.EVERY_SESSION.opening(ASSIGNED, null, tomorrow, now, OPEN_BEFORE)).map(Opening::from)
			.contains(ASSIGNED);
	}

	@Test
	void everyNWeeksOpensAtTheAssignmentAndEveryNWeeksAfter() {
		assertThat(Schedule.EVERY_N_WEEKS.opening(ASSIGNED, 2, List.of(), ASSIGNED, OPEN_BEFORE)).map(Opening::from)
			.contains(ASSIGNED);
		assertThat(
				Schedule.EVERY_N_WEEKS.opening(ASSIGNED, 2, List.of(), ASSIGNED.plus(Duration.ofDays(13)), OPEN_BEFORE))
			.map(Opening::from)
			.contains(ASSIGNED);
		assertThat(
				Schedule.EVERY_N_WEEKS.opening(ASSIGNED, 2, List.of(), ASSIGNED.plus(Duration.ofDays(30)), OPEN_BEFORE))
			.map(Opening::from)
			.contains(ASSIGNED.plus(Duration.ofDays(28)));
		assertThat(Schedule.EVERY_N_WEEKS.words(1)).isEqualTo("Every week");
		assertThat(Schedule.EVERY_N_WEEKS.words(3)).isEqualTo("Every 3 weeks");
	}

}

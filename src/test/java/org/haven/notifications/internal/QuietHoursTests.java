package org.haven.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Quiet hours in a person's own clock, across midnight and daylight saving changes. */
class QuietHoursTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

	private final QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

	@Test
	void theStartIsQuietAndTheEndIsNot() {
		assertThat(night.contains(LocalTime.of(21, 0))).isTrue();
		assertThat(night.contains(LocalTime.of(23, 59))).isTrue();
		assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
		assertThat(night.contains(LocalTime.of(7, 59))).isTrue();
		assertThat(night.contains(LocalTime.of(8, 0))).isFalse();
		assertThat(night.contains(LocalTime.of(20, 59))).isFalse();
		assertThat(lunch.contains(LocalTime.of(12, 0))).isTrue();
		assertThat(lunch.contains(LocalTime.of(13, 30))).isFalse();
		assertThat(lunch.contains(LocalTime.of(11, 59))).isFalse();
	}

	@Test
	void quietHoursEndAtTheNextEndTimeInTheZone() {
		assertThat(night.endAfter(berlin("2026-03-10T22:15"), BERLIN)).contains(berlin("2026-03-11T08:00"));
		assertThat(night.endAfter(berlin("2026-03-11T03:00"), BERLIN)).contains(berlin("2026-03-11T08:00"));
		assertThat(lunch.endAfter(berlin("2026-03-11T12:45"), BERLIN)).contains(berlin("2026-03-11T13:30"));
		assertThat(night.endAfter(berlin("2026-03-11T08:00"), BERLIN)).isEmpty();
		assertThat(night.endAfter(berlin("2026-03-11T14:00"), BERLIN)).isEmpty();
	}

	@Test
	void anEndSkippedByTheSpringChangeComesAnHourLater() {
		QuietHours early = new QuietHours(LocalTime.of(1, 0), LocalTime.of(2, 30));
		// 29 March 2026: Berlin's clocks jump from 02:00 to 03:00.
		assertThat(early.endAfter(berlin("2026-03-29T01:30"), BERLIN)).contains(berlin("2026-03-29T03:30"));
	}

	@Test
	void startAndEndMustDiffer() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
	}

	private static Instant berlin(String local) {
		return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
	}

}

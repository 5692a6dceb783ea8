package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.haven.directory.Modality;
import org.junit.jupiter.api.Test;

/**
 * The one join window the session page, the home page and the visit room share: open from
 * exactly 15 minutes before the start, closed from exactly the end.
 */
class JoinWindowTests {

	private static final Instant START = Instant.parse("2027-03-10T15:00:00Z");

	private static final Instant END = START.plus(Duration.ofMinutes(50));

	private final JoinWindow window = JoinWindow.of(START, END);

	@Test
	void opensFifteenMinutesBeforeTheStart() {
		Instant opens = START.minus(Duration.ofMinutes(15));
		assertThat(window.opens()).isEqualTo(opens);
		assertThat(window.isOpen(opens.minusNanos(1))).isFalse();
		assertThat(window.hasOpened(opens.minusNanos(1))).isFalse();
		assertThat(window.isOpen(opens)).isTrue();
		assertThat(window.hasOpened(opens)).isTrue();
		assertThat(window.isOpen(START)).isTrue();
	}

	@Test
	void closesAtTheEndOfTheSession() {
		assertThat(window.closes()).isEqualTo(END);
		assertThat(window.isOpen(END.minusNanos(1))).isTrue();
		assertThat(window.isOpen(END)).isFalse();
		assertThat(window.isOpen(END.plus(Duration.ofHours(1)))).isFalse();
	}

	@Test
	void hasOpenedStaysTrueOnceTheWindowHasClosed() {
		// A check-in made during the session still counts after it; the home page keeps
		// offering the join link for a session that is under way.
		assertThat(window.hasOpened(END)).isTrue();
		assertThat(window.hasOpened(END.plus(Duration.ofDays(1)))).isTrue();
	}

	@Test
	void theSessionDetailsGiveTheSameWindow() {
		AppointmentDetails details = new AppointmentDetails(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
				Modality.VIDEO, START, END, false, 0, ZoneId.of("America/New_York"));
		assertThat(details.joinWindow()).isEqualTo(window);
	}

}

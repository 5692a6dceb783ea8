package org.haven.shared.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * JDBC drivers bind {@code timestamp with time zone} from OffsetDateTime, not Instant;
 * one place converts. Pages write instants for machines in one form too.
 */
public final class Timestamps {

	private Timestamps() {
	}

	public static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/**
	 * An instant for a page's {@code <time datetime>}: UTC, to the second. HTML allows at
	 * most three digits of a second's fraction, and the database keeps six.
	 */
	public static String html(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

}

package org.haven.shared.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** JDBC drivers bind {@code timestamp with time zone} from OffsetDateTime, not Instant; one place converts. */
public final class Timestamps {

	private Timestamps() {
	}

	public static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}

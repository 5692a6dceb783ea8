package org.haven.visits;

import java.time.Instant;
import java.util.UUID;

import org.haven.visits.internal.CheckIns;
import org.springframework.context.ApplicationContext;

/**
 * Visits for other modules' tests: a client's check-in for a booked session, as the
 * waiting room page makes it.
 */
public final class TestVisits {

	public static final String LOCATION = "12 Oak St, Albany";

	public static final String JURISDICTION = "US-NY";

	public static final String PHONE = "+1 555 010 0100";

	private TestVisits() {
	}

	/** The client checks in for the appointment now; returns when. */
	public static Instant checkIn(ApplicationContext context, UUID appointmentId, UUID clientId) {
		return context.getBean(CheckIns.class).checkIn(appointmentId, clientId, LOCATION, JURISDICTION, PHONE).at();
	}

}

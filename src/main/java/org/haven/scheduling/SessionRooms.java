package org.haven.scheduling;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What happened in the rooms of sessions, for the pages that list sessions: whether the
 * client is waiting, the two are in session, or the session was ended (possibly before
 * its booked end). Contributed by the module that runs the rooms; scheduling renders it
 * without knowing rooms.
 */
public interface SessionRooms {

	/**
	 * The state of each appointment's room that has one; an appointment missing from the
	 * map has no room activity yet.
	 */
	Map<UUID, RoomState> statesOf(Collection<UUID> appointmentIds);

	enum RoomState {

		/** The client checked in and waits to be admitted. */
		CLIENT_WAITING,

		/** The client was admitted and the session has not ended. */
		IN_SESSION,

		/** Someone ended the session: it can no longer be joined. */
		ENDED

	}

}

package org.haven.visits.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.scheduling.SessionRooms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rooms' state for the lists of sessions (home, sessions page): ended, in session, or
 * a client who checked in and waits. Two indexed reads for all the listed sessions
 * together.
 */
@Component
class RoomStates implements SessionRooms {

	private final JdbcClient jdbc;

	RoomStates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<UUID, RoomState> statesOf(Collection<UUID> appointmentIds) {
		Map<UUID, RoomState> states = new HashMap<>();
		if (appointmentIds.isEmpty()) {
			return states;
		}
		List<UUID> ids = List.copyOf(appointmentIds);
		jdbc.sql("select distinct appointment_id from visit_checkin where appointment_id in (:ids)")
			.param("ids", ids)
			.query(UUID.class)
			.list()
			.forEach(id -> states.put(id, RoomState.CLIENT_WAITING));
		jdbc.sql("select appointment_id, admitted, ended from visit_room where appointment_id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> {
				UUID id = rs.getObject("appointment_id", UUID.class);
				if (rs.getBoolean("ended")) {
					states.put(id, RoomState.ENDED);
				}
				else if (rs.getBoolean("admitted")) {
					states.put(id, RoomState.IN_SESSION);
				}
				return id;
			})
			.list();
		return states;
	}

}

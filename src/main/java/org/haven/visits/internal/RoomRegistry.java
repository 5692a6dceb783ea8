package org.haven.visits.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.haven.shared.realtime.Connection;

/**
 * Who is connected to which visit room, and whether the client was admitted. One node's
 * memory: a party's connections on another node are not seen (clustering goes through
 * Redis pub/sub, not built yet). Admission belongs to the visit, not to a connection, so
 * a reconnecting client stays admitted.
 */
@Component
class RoomRegistry {

	private final Map<UUID, Room> rooms = new ConcurrentHashMap<>();

	Room room(UUID appointmentId) {
		return rooms.computeIfAbsent(appointmentId, Room::new);
	}

	Iterable<Room> all() {
		return rooms.values();
	}

	/**
	 * Forgets a room nobody is connected to, so memory does not grow with every visit. A
	 * room whose two parties both drop at once is forgotten with its admission: the
	 * therapist admits again.
	 */
	boolean isCurrent(Room room) {
		return rooms.get(room.id) == room;
	}

	void forgetIfEmpty(Room room) {
		rooms.computeIfPresent(room.id,
				(id, current) -> current.clients.isEmpty() && current.therapists.isEmpty() ? null : current);
	}

	static final class Room {

		final UUID id;

		final Set<Connection> clients = ConcurrentHashMap.newKeySet();

		final Set<Connection> therapists = ConcurrentHashMap.newKeySet();

		volatile boolean admitted;

		volatile boolean ended;

		Room(UUID id) {
			this.id = id;
		}

		Set<Connection> of(Rooms.Role role) {
			return role == Rooms.Role.CLIENT ? clients : therapists;
		}

		Set<Connection> otherThan(Rooms.Role role) {
			return role == Rooms.Role.CLIENT ? therapists : clients;
		}

	}

}

package org.haven.visits.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Frame;
import org.haven.shared.realtime.FrameHandler;
import org.haven.visits.internal.RoomRegistry.Room;
import org.haven.visits.internal.Rooms.Access;
import org.haven.visits.internal.Rooms.Role;
import org.haven.visits.internal.VisitFrame.Admit;
import org.haven.visits.internal.VisitFrame.BadField;
import org.haven.visits.internal.VisitFrame.End;
import org.haven.visits.internal.VisitFrame.Join;
import org.haven.visits.internal.VisitFrame.Media;
import org.haven.visits.internal.VisitFrame.SendBack;
import org.haven.visits.internal.VisitFrame.Signal;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The visit room's signaling over /ws (docs/signaling.md). The endpoint has checked size,
 * rate and shape; here every frame is decoded ({@link VisitFrame}, which checks its
 * fields) and checked for permission; offers, answers and ICE candidates go only to the
 * other admitted party of the same room.
 */
@Component
class SignalingHandler implements FrameHandler {

	private final Rooms rooms;

	private final RoomRegistry registry;

	private final CheckIns checkIns;

	private final VisitRecords records;

	private final JsonMapper json;

	SignalingHandler(Rooms rooms, RoomRegistry registry, CheckIns checkIns, VisitRecords records, JsonMapper json) {
		this.rooms = rooms;
		this.registry = registry;
		this.checkIns = checkIns;
		this.records = records;
		this.json = json;
	}

	@Override
	public Set<String> types() {
		return VisitFrame.TYPES;
	}

	@Override
	public void handle(Connection connection, Frame frame) {
		VisitFrame decoded;
		try {
			decoded = VisitFrame.decode(frame);
		}
		catch (BadField ex) {
			error(connection, frame.id(), "bad-field", ex.getMessage());
			return;
		}
		inRoom(connection, connection.account(), frame.id(), decoded);
	}

	private void inRoom(Connection session, UUID account, String id, VisitFrame frame) {
		UUID roomId = frame.room();
		Access access = rooms.access(account, roomId);
		if (access.outcome() == Access.Outcome.NOT_FOUND) {
			error(session, id, "not-found", "No such room.");
			return;
		}
		if (!access.open()) {
			error(session, id, "not-open", "The room is open from 15 minutes before the session until its end.");
			return;
		}
		Role role = access.role();
		// One frame at a time per room: a join and the announcement it causes must not
		// interleave with another.
		// A room forgotten (emptied) meanwhile is looked up again, so nobody joins a room
		// no one else can find.
		Room room = registry.room(roomId);
		synchronized (room) {
			if (!registry.isCurrent(room)) {
				inRoom(session, account, id, frame);
				return;
			}
			if (frame instanceof Join) {
				join(session, id, room, access);
			}
			else if (frame instanceof Admit) {
				admit(session, id, room, access);
			}
			else if (frame instanceof SendBack) {
				sendBack(session, id, room, role);
			}
			else if (frame instanceof Signal signal) {
				signal(session, id, room, role, signal);
			}
			else if (frame instanceof Media media) {
				media(session, id, room, role, media);
			}
			else if (frame instanceof End) {
				end(session, id, room, access, account);
			}
		}
	}

	private void join(Connection session, String id, Room room, Access access) {
		Role role = access.role();
		if (room.ended) {
			send(session,
					frame("visit-joined").put("re", id)
						.put("room", room.id.toString())
						.put("role", role.wire())
						.put("state", "ended"));
			return;
		}
		if (role == Role.CLIENT && checkIns.latest(room.id, access.appointment().clientId())
			.filter(c -> access.appointment().joinWindow().hasOpened(c.at()))
			.isEmpty()) {
			error(session, id, "check-in-required", "Check in on the waiting room page first.");
			return;
		}
		boolean peerPresent = !room.otherThan(role).isEmpty();
		room.of(role).add(session);
		rooms(session).put(room.id, role);
		send(session,
				frame("visit-joined").put("re", id)
					.put("room", room.id.toString())
					.put("role", role.wire())
					.put("state", room.admitted ? "admitted" : "waiting")
					.put("peerPresent", peerPresent));
		if (role == Role.CLIENT && !room.admitted) {
			announceWaiting(room, access);
		}
		else if (role == Role.THERAPIST && !room.admitted && !room.clients.isEmpty()) {
			announceWaiting(room, access);
		}
		if (room.admitted) {
			broadcast(room.otherThan(role),
					frame("visit-peer-joined").put("room", room.id.toString()).put("role", role.wire()));
		}
	}

	private void announceWaiting(Room room, Access access) {
		if (room.therapists.isEmpty() || room.clients.isEmpty()) {
			return;
		}
		checkIns.latest(room.id, access.appointment().therapistId()).ifPresent(checkIn -> {
			ObjectNode waiting = frame("visit-waiting").put("room", room.id.toString());
			waiting.putObject("checkIn")
				.put("location", checkIn.location())
				.put("jurisdiction", checkIn.jurisdiction())
				.put("phone", checkIn.phone())
				.put("at", checkIn.at().toString());
			broadcast(room.therapists, waiting);
		});
	}

	private void admit(Connection session, String id, Room room, Access access) {
		if (access.role() != Role.THERAPIST) {
			error(session, id, "not-allowed", "Only the therapist admits.");
			return;
		}
		if (!room.therapists.contains(session)) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		if (room.clients.isEmpty()) {
			error(session, id, "no-one-waiting", "Your client is not in the waiting room.");
			return;
		}
		room.admitted = true;
		records.started(access.appointment());
		broadcast(room.clients, frame("visit-admitted").put("room", room.id.toString()).put("polite", true));
		broadcast(room.therapists, frame("visit-admitted").put("room", room.id.toString()).put("polite", false));
	}

	private void sendBack(Connection session, String id, Room room, Role role) {
		if (role != Role.THERAPIST) {
			error(session, id, "not-allowed", "Only the therapist sends a client back to the waiting room.");
			return;
		}
		if (!room.therapists.contains(session)) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		room.admitted = false;
		ObjectNode back = frame("visit-sent-back").put("room", room.id.toString());
		broadcast(room.clients, back);
		broadcast(room.therapists, back);
	}

	private void signal(Connection session, String id, Room room, Role role, Signal signal) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		broadcast(room.otherThan(role), signal.writeTo(frame("visit-signal").put("room", room.id.toString())));
	}

	private void media(Connection session, String id, Room room, Role role, Media media) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		broadcast(room.otherThan(role), frame("visit-media").put("room", room.id.toString()).put("mode", media.mode()));
	}

	private void end(Connection session, String id, Room room, Access access, UUID account) {
		if (!room.of(access.role()).contains(session)) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		room.admitted = false;
		room.ended = true;
		records.ended(access.appointment(), account);
		ObjectNode ended = frame("visit-ended").put("room", room.id.toString());
		broadcast(room.clients, ended);
		broadcast(room.therapists, ended);
	}

	private boolean admittedMember(Connection session, String id, Room room, Role role) {
		if (!room.admitted || !room.of(role).contains(session)) {
			error(session, id, "not-admitted", "Only the two admitted parties exchange signals.");
			return false;
		}
		return true;
	}

	@Override
	public void closed(Connection session) {
		rooms(session).forEach((roomId, role) -> {
			Room room = registry.room(roomId);
			synchronized (room) {
				room.of(role).remove(session);
				if (room.of(role).isEmpty()) {
					broadcast(room.otherThan(role),
							frame("visit-peer-left").put("room", roomId.toString()).put("role", role.wire()));
				}
				registry.forgetIfEmpty(room);
			}
		});
	}

	private static Map<UUID, Role> rooms(Connection connection) {
		return connection.state("visits.rooms", ConcurrentHashMap::new);
	}

	private ObjectNode frame(String type) {
		return json.createObjectNode().put("type", type);
	}

	private void error(Connection session, String re, String code, String message) {
		session.error(re, code, message);
	}

	private void broadcast(Set<Connection> sessions, ObjectNode frame) {
		String serialized = json.writeValueAsString(frame);
		sessions.forEach(s -> s.send(serialized));
	}

	private void send(Connection session, ObjectNode frame) {
		session.send(frame);
	}

}

package org.haven.visits.internal;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Frame;
import org.haven.shared.realtime.FrameHandler;
import org.haven.visits.internal.RoomRegistry.State;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
		// One frame at a time per room, whichever node holds each party: a join and the
		// announcement it causes must not interleave with another.
		registry.locked(roomId, () -> {
			Room room = new Room(roomId, registry.state(roomId));
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
			return null;
		});
	}

	/** The room as one frame sees it: its id and its state when the frame came. */
	private record Room(UUID id, State state) {
	}

	private void join(Connection session, String id, Room room, Access access) {
		Role role = access.role();
		if (room.state().ended()) {
			send(session,
					frame("visit-joined").put("re", id)
						.put("room", room.id().toString())
						.put("role", role.wire())
						.put("state", "ended"));
			return;
		}
		if (role == Role.CLIENT && checkIns.latest(room.id(), access.appointment().clientId())
			.filter(c -> access.appointment().joinWindow().hasOpened(c.at()))
			.isEmpty()) {
			error(session, id, "check-in-required", "Check in on the waiting room page first.");
			return;
		}
		boolean peerPresent = registry.present(room.id(), RoomRegistry.other(role));
		registry.enter(room.id(), role, session);
		rooms(session).put(room.id(), role);
		send(session,
				frame("visit-joined").put("re", id)
					.put("room", room.id().toString())
					.put("role", role.wire())
					.put("state", room.state().admitted() ? "admitted" : "waiting")
					.put("peerPresent", peerPresent));
		if (!room.state().admitted()) {
			announceWaiting(room, access);
		}
		else {
			broadcast(room.id(), RoomRegistry.other(role),
					frame("visit-peer-joined").put("room", room.id().toString()).put("role", role.wire()));
		}
	}

	private void announceWaiting(Room room, Access access) {
		if (!registry.present(room.id(), Role.THERAPIST) || !registry.present(room.id(), Role.CLIENT)) {
			return;
		}
		checkIns.latest(room.id(), access.appointment().therapistId()).ifPresent(checkIn -> {
			ObjectNode waiting = frame("visit-waiting").put("room", room.id().toString());
			waiting.putObject("checkIn")
				.put("location", checkIn.location())
				.put("jurisdiction", checkIn.jurisdiction())
				.put("phone", checkIn.phone())
				.put("at", checkIn.at().toString());
			broadcast(room.id(), Role.THERAPIST, waiting);
		});
	}

	private void admit(Connection session, String id, Room room, Access access) {
		if (access.role() != Role.THERAPIST) {
			error(session, id, "not-allowed", "Only the therapist admits.");
			return;
		}
		if (!joined(session, room, Role.THERAPIST)) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		if (!registry.present(room.id(), Role.CLIENT)) {
			error(session, id, "no-one-waiting", "Your client is not in the waiting room.");
			return;
		}
		registry.admitted(room.id(), true);
		records.started(access.appointment());
		broadcast(room.id(), Role.CLIENT,
				frame("visit-admitted").put("room", room.id().toString()).put("polite", true));
		broadcast(room.id(), Role.THERAPIST,
				frame("visit-admitted").put("room", room.id().toString()).put("polite", false));
	}

	private void sendBack(Connection session, String id, Room room, Role role) {
		if (role != Role.THERAPIST) {
			error(session, id, "not-allowed", "Only the therapist sends a client back to the waiting room.");
			return;
		}
		if (!joined(session, room, Role.THERAPIST)) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		registry.admitted(room.id(), false);
		ObjectNode back = frame("visit-sent-back").put("room", room.id().toString());
		broadcast(room.id(), Role.CLIENT, back);
		broadcast(room.id(), Role.THERAPIST, back);
	}

	private void signal(Connection session, String id, Room room, Role role, Signal signal) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		broadcast(room.id(), RoomRegistry.other(role),
				signal.writeTo(frame("visit-signal").put("room", room.id().toString())));
	}

	private void media(Connection session, String id, Room room, Role role, Media media) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		broadcast(room.id(), RoomRegistry.other(role),
				frame("visit-media").put("room", room.id().toString()).put("mode", media.mode()));
	}

	private void end(Connection session, String id, Room room, Access access, UUID account) {
		if (!joined(session, room, access.role())) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		registry.ended(room.id());
		records.ended(access.appointment(), account);
		ObjectNode ended = frame("visit-ended").put("room", room.id().toString());
		// Once the end is stored: a page that hears of it and asks for the visit must
		// find
		// it ended (and a failed commit announces nothing).
		afterCommit(() -> {
			broadcast(room.id(), Role.CLIENT, ended);
			broadcast(room.id(), Role.THERAPIST, ended);
		});
	}

	private static void afterCommit(Runnable announce) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			announce.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				announce.run();
			}
		});
	}

	private boolean admittedMember(Connection session, String id, Room room, Role role) {
		if (!room.state().admitted() || !joined(session, room, role)) {
			error(session, id, "not-admitted", "Only the two admitted parties exchange signals.");
			return false;
		}
		return true;
	}

	@Override
	public void closed(Connection session) {
		rooms(session).forEach((roomId, role) -> registry.locked(roomId, () -> {
			registry.leave(roomId, role, session);
			if (!registry.present(roomId, role)) {
				broadcast(roomId, RoomRegistry.other(role),
						frame("visit-peer-left").put("room", roomId.toString()).put("role", role.wire()));
			}
			return null;
		}));
	}

	/** Whether this connection joined the room as this party. */
	private static boolean joined(Connection session, Room room, Role role) {
		return rooms(session).get(room.id()) == role;
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

	private void broadcast(UUID room, Role party, ObjectNode frame) {
		registry.send(room, party, json.writeValueAsString(frame));
	}

	private void send(Connection session, ObjectNode frame) {
		session.send(frame);
	}

}

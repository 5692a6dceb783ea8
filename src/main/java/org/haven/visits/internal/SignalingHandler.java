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
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The visit room's signaling over /ws (docs/signaling.md). The endpoint has checked size,
 * rate and shape; here every frame is checked for its fields and permission; offers,
 * answers and ICE candidates go only to the other admitted party of the same room.
 */
@Component
class SignalingHandler implements FrameHandler {

	private static final Set<String> TYPES = Set.of("join", "admit", "send-back", "signal", "media", "end");

	private static final int MAX_SDP = 64 * 1024;

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
		return TYPES;
	}

	@Override
	public void handle(Connection connection, Frame frame) {
		inRoom(connection, connection.account(), frame.id(), frame.type(), frame.body());
	}

	private void inRoom(Connection session, UUID account, String id, String type, JsonNode frame) {
		UUID roomId = uuid(frame, "room");
		if (roomId == null) {
			error(session, id, "bad-field", "The room is the appointment's id.");
			return;
		}
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
			switch (type) {
				case "join" -> join(session, id, room, access);
				case "admit" -> admit(session, id, room, access);
				case "send-back" -> sendBack(session, id, room, role);
				case "signal" -> signal(session, id, room, role, frame);
				case "media" -> media(session, id, room, role, frame);
				case "end" -> end(session, id, room, access, account);
				default -> throw new IllegalStateException(type);
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
					frame("joined").put("re", id)
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
				frame("joined").put("re", id)
					.put("room", room.id().toString())
					.put("role", role.wire())
					.put("state", room.state().admitted() ? "admitted" : "waiting")
					.put("peerPresent", peerPresent));
		if (!room.state().admitted()) {
			announceWaiting(room, access);
		}
		else {
			broadcast(room.id(), RoomRegistry.other(role),
					frame("peer-joined").put("room", room.id().toString()).put("role", role.wire()));
		}
	}

	private void announceWaiting(Room room, Access access) {
		if (!registry.present(room.id(), Role.THERAPIST) || !registry.present(room.id(), Role.CLIENT)) {
			return;
		}
		checkIns.latest(room.id(), access.appointment().therapistId()).ifPresent(checkIn -> {
			ObjectNode waiting = frame("waiting").put("room", room.id().toString());
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
		broadcast(room.id(), Role.CLIENT, frame("admitted").put("room", room.id().toString()).put("polite", true));
		broadcast(room.id(), Role.THERAPIST, frame("admitted").put("room", room.id().toString()).put("polite", false));
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
		ObjectNode back = frame("sent-back").put("room", room.id().toString());
		broadcast(room.id(), Role.CLIENT, back);
		broadcast(room.id(), Role.THERAPIST, back);
	}

	private void signal(Connection session, String id, Room room, Role role, JsonNode frame) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		ObjectNode relay = frame("signal").put("room", room.id().toString());
		if (frame.has("description")) {
			JsonNode d = frame.get("description");
			if (!d.isObject() || !text(d, "type", 16)
					|| !Set.of("offer", "answer", "pranswer", "rollback").contains(d.get("type").asString())
					|| (d.has("sdp") && !text(d, "sdp", MAX_SDP))) {
				error(session, id, "bad-field",
						"A description has a type (offer, answer, pranswer, rollback) and an sdp.");
				return;
			}
			ObjectNode description = relay.putObject("description").put("type", d.get("type").asString());
			if (d.has("sdp")) {
				description.put("sdp", d.get("sdp").asString());
			}
		}
		else if (frame.has("candidate")) {
			JsonNode c = frame.get("candidate");
			if (c.isNull()) {
				relay.putNull("candidate");
			}
			else if (!c.isObject() || !text(c, "candidate", 2048)
					|| (c.has("sdpMid") && !c.get("sdpMid").isNull() && !text(c, "sdpMid", 64))
					|| (c.has("sdpMLineIndex") && !c.get("sdpMLineIndex").isNull()
							&& !c.get("sdpMLineIndex").isIntegralNumber())) {
				error(session, id, "bad-field", "A candidate has candidate, sdpMid and sdpMLineIndex.");
				return;
			}
			else {
				ObjectNode candidate = relay.putObject("candidate").put("candidate", c.get("candidate").asString());
				if (c.has("sdpMid") && !c.get("sdpMid").isNull()) {
					candidate.put("sdpMid", c.get("sdpMid").asString());
				}
				if (c.has("sdpMLineIndex") && !c.get("sdpMLineIndex").isNull()) {
					candidate.put("sdpMLineIndex", c.get("sdpMLineIndex").asInt());
				}
			}
		}
		else {
			error(session, id, "bad-field", "A signal carries a description or a candidate.");
			return;
		}
		broadcast(room.id(), RoomRegistry.other(role), relay);
	}

	private void media(Connection session, String id, Room room, Role role, JsonNode frame) {
		if (!admittedMember(session, id, room, role)) {
			return;
		}
		if (!text(frame, "mode", 8) || !Set.of("video", "audio").contains(frame.get("mode").asString())) {
			error(session, id, "bad-field", "The mode is video or audio.");
			return;
		}
		broadcast(room.id(), RoomRegistry.other(role),
				frame("media").put("room", room.id().toString()).put("mode", frame.get("mode").asString()));
	}

	private void end(Connection session, String id, Room room, Access access, UUID account) {
		if (!joined(session, room, access.role())) {
			error(session, id, "not-admitted", "Join the room first.");
			return;
		}
		registry.ended(room.id());
		records.ended(access.appointment(), account);
		ObjectNode ended = frame("ended").put("room", room.id().toString());
		broadcast(room.id(), Role.CLIENT, ended);
		broadcast(room.id(), Role.THERAPIST, ended);
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
						frame("peer-left").put("room", roomId.toString()).put("role", role.wire()));
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

	private static boolean text(JsonNode node, String field, int max) {
		JsonNode value = node.get(field);
		return value != null && value.isString() && !value.asString().isEmpty() && value.asString().length() <= max;
	}

	private static UUID uuid(JsonNode frame, String field) {
		if (!text(frame, field, 36)) {
			return null;
		}
		try {
			return UUID.fromString(frame.get(field).asString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}

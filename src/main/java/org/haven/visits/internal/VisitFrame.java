package org.haven.visits.internal;

import java.util.Set;
import java.util.UUID;

import org.haven.shared.realtime.Frame;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A visit room's frame from the browser (docs/signaling.md), decoded in one place. Each
 * record checks its own fields when it is made, so a frame that decodes is whole and the
 * handler asks only who may send it; a field that is missing or wrong is a
 * {@link BadField}, answered with one {@code bad-field} error.
 */
sealed interface VisitFrame {

	Set<String> TYPES = Set.of("visit-join", "visit-admit", "visit-send-back", "visit-signal", "visit-media",
			"visit-end");

	/** The room: the appointment's id. */
	UUID room();

	/**
	 * The frame of one of {@link #TYPES}.
	 * @throws BadField when a field is missing or of the wrong shape
	 */
	static VisitFrame decode(Frame frame) {
		UUID room = frame.uuid("room");
		JsonNode body = frame.body();
		return switch (frame.type()) {
			case "visit-join" -> new Join(room);
			case "visit-admit" -> new Admit(room);
			case "visit-send-back" -> new SendBack(room);
			case "visit-signal" -> Signal.of(room, body);
			case "visit-media" -> new Media(room, frame.text("mode", 8));
			case "visit-end" -> new End(room);
			default -> throw new IllegalArgumentException("Not a visit frame: " + frame.type());
		};
	}

	private static UUID checked(UUID room) {
		if (room == null) {
			throw new BadField("The room is the appointment's id.");
		}
		return room;
	}

	/** Enters the room. */
	record Join(UUID room) implements VisitFrame {
		public Join {
			checked(room);
		}
	}

	/** The therapist lets the waiting client in. */
	record Admit(UUID room) implements VisitFrame {
		public Admit {
			checked(room);
		}
	}

	/** The therapist sends the client back to the waiting room. */
	record SendBack(UUID room) implements VisitFrame {
		public SendBack {
			checked(room);
		}
	}

	/** Ends the visit for both. */
	record End(UUID room) implements VisitFrame {
		public End {
			checked(room);
		}
	}

	/** A switch to audio only, or back to video. */
	record Media(UUID room, String mode) implements VisitFrame {

		public Media {
			checked(room);
			if (mode == null || !Set.of("video", "audio").contains(mode)) {
				throw new BadField("The mode is video or audio.");
			}
		}
	}

	/**
	 * An SDP description or an ICE candidate for the other party. With neither, the
	 * sender's candidates are complete (the browser's null candidate), which is relayed
	 * as such.
	 */
	record Signal(UUID room, Description description, Candidate candidate) implements VisitFrame {

		public Signal {
			checked(room);
			if (description != null && candidate != null) {
				throw new BadField("A signal carries a description or a candidate.");
			}
		}

		static Signal of(UUID room, JsonNode body) {
			// The room first, as for every frame: its error is the one a wrong room gets.
			checked(room);
			if (body.has("description")) {
				return new Signal(room, Description.of(body.get("description")), null);
			}
			if (body.has("candidate")) {
				JsonNode candidate = body.get("candidate");
				return new Signal(room, null, candidate.isNull() ? null : Candidate.of(candidate));
			}
			throw new BadField("A signal carries a description or a candidate.");
		}

		/** Adds the description or the candidate, as the other party receives it. */
		ObjectNode writeTo(ObjectNode relay) {
			if (description != null) {
				ObjectNode d = relay.putObject("description").put("type", description.type());
				if (description.sdp() != null) {
					d.put("sdp", description.sdp());
				}
			}
			else if (candidate != null) {
				ObjectNode c = relay.putObject("candidate").put("candidate", candidate.candidate());
				if (candidate.sdpMid() != null) {
					c.put("sdpMid", candidate.sdpMid());
				}
				if (candidate.sdpMLineIndex() != null) {
					c.put("sdpMLineIndex", candidate.sdpMLineIndex().intValue());
				}
			}
			else {
				relay.putNull("candidate");
			}
			return relay;
		}

	}

	/** An offer, answer, provisional answer or rollback; the sdp may be left out. */
	record Description(String type, String sdp) {

		static final int MAX_SDP = 64 * 1024;

		private static final Set<String> KINDS = Set.of("offer", "answer", "pranswer", "rollback");

		private static final String SHAPE = "A description has a type (offer, answer, pranswer, rollback) and an sdp.";

		public Description {
			if (type == null || !KINDS.contains(type) || (sdp != null && !fits(sdp, MAX_SDP))) {
				throw new BadField(SHAPE);
			}
		}

		static Description of(JsonNode node) {
			if (!node.isObject() || (node.has("sdp") && !node.get("sdp").isString())) {
				throw new BadField(SHAPE);
			}
			return new Description(string(node.get("type")), string(node.get("sdp")));
		}

	}

	/** An ICE candidate: its line, and the media section it belongs to. */
	record Candidate(String candidate, String sdpMid, Integer sdpMLineIndex) {

		private static final String SHAPE = "A candidate has candidate, sdpMid and sdpMLineIndex.";

		public Candidate {
			if (candidate == null || !fits(candidate, 2048) || (sdpMid != null && !fits(sdpMid, 64))) {
				throw new BadField(SHAPE);
			}
		}

		static Candidate of(JsonNode node) {
			JsonNode mid = node.isObject() ? present(node.get("sdpMid")) : null;
			JsonNode index = node.isObject() ? present(node.get("sdpMLineIndex")) : null;
			if (!node.isObject() || (mid != null && !mid.isString())
					|| (index != null && !(index.isIntegralNumber() && index.canConvertToInt()))) {
				throw new BadField(SHAPE);
			}
			return new Candidate(string(node.get("candidate")), string(mid), index == null ? null : index.asInt());
		}

	}

	private static boolean fits(String value, int max) {
		return !value.isEmpty() && value.length() <= max;
	}

	/** The node's text, or null when it is missing or not a string. */
	private static String string(JsonNode node) {
		return node != null && node.isString() ? node.asString() : null;
	}

	/** The node, or null when it is missing or JSON null. */
	private static JsonNode present(JsonNode node) {
		return node == null || node.isNull() ? null : node;
	}

	/**
	 * A field missing or of the wrong shape. Its message says what the field should be;
	 * it never repeats what was sent.
	 */
	final class BadField extends RuntimeException {

		BadField(String message) {
			// Expected on every malformed frame: no stack trace to fill.
			super(message, null, false, false);
		}

	}

}

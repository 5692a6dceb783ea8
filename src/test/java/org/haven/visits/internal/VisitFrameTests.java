package org.haven.visits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.function.Consumer;

import org.haven.shared.realtime.Frame;
import org.haven.visits.internal.VisitFrame.Admit;
import org.haven.visits.internal.VisitFrame.BadField;
import org.haven.visits.internal.VisitFrame.Candidate;
import org.haven.visits.internal.VisitFrame.Description;
import org.haven.visits.internal.VisitFrame.End;
import org.haven.visits.internal.VisitFrame.Join;
import org.haven.visits.internal.VisitFrame.Media;
import org.haven.visits.internal.VisitFrame.SendBack;
import org.haven.visits.internal.VisitFrame.Signal;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A visit frame is decoded in one place (docs/signaling.md): each record checks its own
 * fields, and every missing or misshapen one is a {@link BadField} whose message says
 * what the field should be.
 */
class VisitFrameTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID ROOM = UUID.fromString("5f0c6f4e-8a53-4b8e-9d0b-2f4a1c3e7d10");

	private static final String ROOM_MESSAGE = "The room is the appointment's id.";

	private static final String DESCRIPTION_MESSAGE = "A description has a type (offer, answer, pranswer, rollback) and an sdp.";

	private static final String CANDIDATE_MESSAGE = "A candidate has candidate, sdpMid and sdpMLineIndex.";

	private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

	private static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.10 54321 typ srflx raddr 0.0.0.0 rport 0";

	@Test
	void eachTypeDecodesToItsRecordWithTheRoom() {
		assertThat(decode(frame("visit-join"))).isEqualTo(new Join(ROOM));
		assertThat(decode(frame("visit-admit"))).isEqualTo(new Admit(ROOM));
		assertThat(decode(frame("visit-send-back"))).isEqualTo(new SendBack(ROOM));
		assertThat(decode(frame("visit-end"))).isEqualTo(new End(ROOM));
		assertThat(decode(frame("visit-media").put("mode", "audio"))).isEqualTo(new Media(ROOM, "audio"));
		assertThat(decode(frame("visit-media").put("mode", "video"))).isEqualTo(new Media(ROOM, "video"));
		assertThat(VisitFrame.TYPES).containsExactlyInAnyOrder("visit-join", "visit-admit", "visit-send-back",
				"visit-signal", "visit-media", "visit-end");
	}

	@Test
	void everyFrameNeedsTheRoomAsAnAppointmentId() {
		for (String type : VisitFrame.TYPES) {
			ObjectNode noRoom = validOf(type);
			noRoom.remove("room");
			assertBadField(noRoom, ROOM_MESSAGE);
			assertBadField(validOf(type).put("room", "not-a-room"), ROOM_MESSAGE);
			assertBadField(validOf(type).put("room", ROOM.toString().replace('-', 'x')), ROOM_MESSAGE);
			assertBadField(validOf(type).put("room", ROOM + "0"), ROOM_MESSAGE);
			assertBadField(validOf(type).put("room", 7), ROOM_MESSAGE);
			assertBadField(validOf(type).put("room", ""), ROOM_MESSAGE);
			assertBadField(validOf(type).putNull("room"), ROOM_MESSAGE);
		}
	}

	@Test
	void aDescriptionIsAnOfferAnswerProvisionalAnswerOrRollbackWithAnSdpOfAtMost64KiB() {
		for (String kind : new String[] { "offer", "answer", "pranswer", "rollback" }) {
			ObjectNode frame = frame("visit-signal");
			frame.putObject("description").put("type", kind).put("sdp", SDP);
			assertThat(decode(frame)).isEqualTo(new Signal(ROOM, new Description(kind, SDP), null));
		}
		ObjectNode noSdp = frame("visit-signal");
		noSdp.putObject("description").put("type", "rollback");
		assertThat(decode(noSdp)).isEqualTo(new Signal(ROOM, new Description("rollback", null), null));
		ObjectNode largest = frame("visit-signal");
		largest.putObject("description").put("type", "offer").put("sdp", "s".repeat(64 * 1024));
		assertThat(((Signal) decode(largest)).description().sdp()).hasSize(64 * 1024);

		ObjectNode surprise = frame("visit-signal");
		surprise.putObject("description").put("type", "surprise").put("sdp", SDP);
		assertBadField(surprise, DESCRIPTION_MESSAGE);
		ObjectNode noType = frame("visit-signal");
		noType.putObject("description").put("sdp", SDP);
		assertBadField(noType, DESCRIPTION_MESSAGE);
		ObjectNode numberType = frame("visit-signal");
		numberType.putObject("description").put("type", 1).put("sdp", SDP);
		assertBadField(numberType, DESCRIPTION_MESSAGE);
		ObjectNode oversize = frame("visit-signal");
		oversize.putObject("description").put("type", "offer").put("sdp", "s".repeat(64 * 1024 + 1));
		assertBadField(oversize, DESCRIPTION_MESSAGE);
		ObjectNode emptySdp = frame("visit-signal");
		emptySdp.putObject("description").put("type", "offer").put("sdp", "");
		assertBadField(emptySdp, DESCRIPTION_MESSAGE);
		ObjectNode nullSdp = frame("visit-signal");
		nullSdp.putObject("description").put("type", "offer").putNull("sdp");
		assertBadField(nullSdp, DESCRIPTION_MESSAGE);
		ObjectNode numberSdp = frame("visit-signal");
		numberSdp.putObject("description").put("type", "offer").put("sdp", 5);
		assertBadField(numberSdp, DESCRIPTION_MESSAGE);
		assertBadField(frame("visit-signal").put("description", "offer"), DESCRIPTION_MESSAGE);
		assertBadField(frame("visit-signal").putNull("description"), DESCRIPTION_MESSAGE);
		ObjectNode list = frame("visit-signal");
		list.putArray("description").add("offer");
		assertBadField(list, DESCRIPTION_MESSAGE);
	}

	@Test
	void aCandidateHasItsLineAndMayNameItsMediaSectionOrBeTheNullThatEndsThem() {
		ObjectNode full = frame("visit-signal");
		full.putObject("candidate").put("candidate", CANDIDATE).put("sdpMid", "0").put("sdpMLineIndex", 0);
		assertThat(decode(full)).isEqualTo(new Signal(ROOM, null, new Candidate(CANDIDATE, "0", 0)));
		ObjectNode lineOnly = frame("visit-signal");
		lineOnly.putObject("candidate").put("candidate", CANDIDATE).putNull("sdpMid").putNull("sdpMLineIndex");
		assertThat(decode(lineOnly)).isEqualTo(new Signal(ROOM, null, new Candidate(CANDIDATE, null, null)));
		assertThat(decode(frame("visit-signal").putNull("candidate"))).isEqualTo(new Signal(ROOM, null, null));

		assertBadField(candidate(c -> c.put("sdpMid", "0")), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", "")), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", 42)), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", "c".repeat(2049))), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMid", 0)), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMid", "")), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMid", "m".repeat(65))), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMLineIndex", "zero")), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMLineIndex", 0.5)), CANDIDATE_MESSAGE);
		assertBadField(candidate(c -> c.put("candidate", CANDIDATE).put("sdpMLineIndex", 1L << 40)), CANDIDATE_MESSAGE);
		assertBadField(frame("visit-signal").put("candidate", CANDIDATE), CANDIDATE_MESSAGE);
		assertThat(((Signal) decode(candidate(c -> c.put("candidate", "c".repeat(2048))))).candidate().candidate())
			.hasSize(2048);
	}

	@Test
	void aSignalCarriesADescriptionOrACandidate() {
		assertBadField(frame("visit-signal"), "A signal carries a description or a candidate.");
		assertThatThrownBy(() -> new Signal(ROOM, new Description("offer", SDP), new Candidate(CANDIDATE, "0", 0)))
			.isInstanceOf(BadField.class);
	}

	@Test
	void theModeIsVideoOrAudio() {
		for (Object mode : new Object[] { "hologram", "", "VIDEO", "audio-and-video", 1 }) {
			ObjectNode frame = frame("visit-media");
			if (mode instanceof String text) {
				frame.put("mode", text);
			}
			else {
				frame.put("mode", (Integer) mode);
			}
			assertBadField(frame, "The mode is video or audio.");
		}
		assertBadField(frame("visit-media"), "The mode is video or audio.");
		assertBadField(frame("visit-media").putNull("mode"), "The mode is video or audio.");
	}

	@Test
	void aWrongRoomIsReportedBeforeAnyOtherField() {
		ObjectNode both = validOf("visit-signal").put("room", "not-a-room");
		both.putObject("description").put("type", "surprise");
		assertBadField(both, ROOM_MESSAGE);
		assertBadField(frame("visit-media").put("room", "not-a-room").put("mode", "hologram"), ROOM_MESSAGE);
	}

	@Test
	void theRelayedSignalCarriesWhatWasDecodedAndNothingElse() {
		ObjectNode sent = frame("visit-signal").put("extra", "not relayed");
		sent.putObject("description").put("type", "offer").put("sdp", SDP).put("extra", "not relayed");
		ObjectNode relayed = ((Signal) decode(sent)).writeTo(JSON.createObjectNode());
		assertThat(relayed.toString()).isEqualTo("{\"description\":{\"type\":\"offer\",\"sdp\":" + quoted(SDP) + "}}");

		assertThat(new Signal(ROOM, null, new Candidate(CANDIDATE, "0", 1)).writeTo(JSON.createObjectNode()).toString())
			.isEqualTo("{\"candidate\":{\"candidate\":\"" + CANDIDATE + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":1}}");
		assertThat(new Signal(ROOM, null, new Candidate(CANDIDATE, null, null)).writeTo(JSON.createObjectNode())
			.toString()).isEqualTo("{\"candidate\":{\"candidate\":\"" + CANDIDATE + "\"}}");
		assertThat(new Signal(ROOM, null, null).writeTo(JSON.createObjectNode()).toString())
			.isEqualTo("{\"candidate\":null}");
		assertThat(
				new Signal(ROOM, new Description("rollback", null), null).writeTo(JSON.createObjectNode()).toString())
			.isEqualTo("{\"description\":{\"type\":\"rollback\"}}");
	}

	private static VisitFrame decode(ObjectNode body) {
		return VisitFrame.decode(new Frame(body.get("type").asString(), "f1", body));
	}

	private static void assertBadField(ObjectNode body, String message) {
		assertThatThrownBy(() -> decode(body)).as(body.toString()).isInstanceOf(BadField.class).hasMessage(message);
	}

	private static ObjectNode frame(String type) {
		return JSON.createObjectNode().put("type", type).put("id", "f1").put("room", ROOM.toString());
	}

	/** A frame of the type with every field right, for a test to spoil one of them. */
	private static ObjectNode validOf(String type) {
		ObjectNode frame = frame(type);
		if (type.equals("visit-signal")) {
			frame.putObject("description").put("type", "offer").put("sdp", SDP);
		}
		if (type.equals("visit-media")) {
			frame.put("mode", "video");
		}
		assertThat(decode(frame).room()).isEqualTo(ROOM);
		return frame;
	}

	private static ObjectNode candidate(Consumer<ObjectNode> fill) {
		ObjectNode frame = frame("visit-signal");
		fill.accept(frame.putObject("candidate"));
		return frame;
	}

	private static String quoted(String text) {
		return JSON.writeValueAsString(text);
	}

}

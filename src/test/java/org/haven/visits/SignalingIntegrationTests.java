package org.haven.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.support.TestSocket.frame;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.visits.internal.CheckIns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The visit room's signaling over a real WebSocket (docs/signaling.md): who may open /ws,
 * who may enter a room and when, that offers, answers and candidates reach only the other
 * party of the same room, and that every bad frame gets its error while the connection
 * lives on.
 */
class SignalingIntegrationTests extends IntegrationTest {

	private static final String LOCATION = "12 Oak St, Albany";

	private static final String JURISDICTION = "US-NY";

	private static final String PHONE = "+1 555 010 0100";

	private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

	private static final String CANDIDATE = "candidate:842163049 1 udp 1677729535 192.0.2.10 54321 typ srflx raddr 0.0.0.0 rport 0";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CheckIns checkIns;

	@Autowired
	ApplicationEventMulticaster multicaster;

	private final List<TestSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() {
		sockets.forEach(TestSocket::close);
	}

	@Test
	void theTherapistAdmitsTheCheckedInClientAndTheTwoExchangeSignalsUntilTheVisitEnds() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("signal-therapist")));
		openRoom(visit);
		Instant checkedInAt = checkIn(visit);
		TestSocket client = connect(visit.client());
		TestSocket therapist = connect(visit.therapist());

		String joinId = client.send(visit.frame("visit-join"));
		JsonNode clientJoined = client.next("visit-joined");
		assertThat(clientJoined.path("re").asString()).isEqualTo(joinId);
		assertThat(clientJoined.path("room").asString()).isEqualTo(visit.room());
		assertThat(clientJoined.path("role").asString()).isEqualTo("client");
		assertThat(clientJoined.path("state").asString()).isEqualTo("waiting");
		assertThat(clientJoined.path("peerPresent").asBoolean()).isFalse();

		therapist.send(visit.frame("visit-join"));
		JsonNode therapistJoined = therapist.next("visit-joined");
		assertThat(therapistJoined.path("role").asString()).isEqualTo("therapist");
		assertThat(therapistJoined.path("state").asString()).isEqualTo("waiting");
		assertThat(therapistJoined.path("peerPresent").asBoolean()).isTrue();
		JsonNode waiting = therapist.next("visit-waiting");
		assertThat(waiting.path("room").asString()).isEqualTo(visit.room());
		assertThat(waiting.path("checkIn").path("location").asString()).isEqualTo(LOCATION);
		assertThat(waiting.path("checkIn").path("jurisdiction").asString()).isEqualTo(JURISDICTION);
		assertThat(waiting.path("checkIn").path("phone").asString()).isEqualTo(PHONE);
		assertThat(Instant.parse(waiting.path("checkIn").path("at").asString())).isEqualTo(checkedInAt);
		client.expectNothingElse();

		Instant admittedAt = clock.instant();
		therapist.send(visit.frame("visit-admit"));
		assertThat(client.next("visit-admitted").path("polite").asBoolean()).isTrue();
		assertThat(therapist.next("visit-admitted").path("polite").asBoolean()).isFalse();

		ObjectNode offer = visit.frame("visit-signal");
		offer.putObject("description").put("type", "offer").put("sdp", SDP);
		client.send(offer);
		JsonNode relayedOffer = therapist.next("visit-signal");
		assertThat(relayedOffer.path("room").asString()).isEqualTo(visit.room());
		assertThat(relayedOffer.get("description")).isEqualTo(offer.get("description"));
		assertThat(relayedOffer.has("id")).as("the sender's frame id stays with the sender").isFalse();

		ObjectNode candidate = visit.frame("visit-signal");
		candidate.putObject("candidate").put("candidate", CANDIDATE).put("sdpMid", "0").put("sdpMLineIndex", 0);
		therapist.send(candidate);
		assertThat(client.next("visit-signal").get("candidate")).isEqualTo(candidate.get("candidate"));

		client.send(visit.frame("visit-media").put("mode", "audio"));
		JsonNode media = therapist.next("visit-media");
		assertThat(media.path("room").asString()).isEqualTo(visit.room());
		assertThat(media.path("mode").asString()).isEqualTo("audio");
		client.expectNothingElse();
		therapist.expectNothingElse();

		List<VisitEnded> events = new CopyOnWriteArrayList<>();
		ApplicationListener<PayloadApplicationEvent<VisitEnded>> listener = ApplicationListener.forPayload(events::add);
		multicaster.addApplicationListener(listener);
		try {
			clock.advance(Duration.ofMinutes(25));
			therapist.send(visit.frame("visit-end"));
			assertThat(therapist.next("visit-ended").path("room").asString()).isEqualTo(visit.room());
			assertThat(client.next("visit-ended").path("room").asString()).isEqualTo(visit.room());
		}
		finally {
			multicaster.removeApplicationListener(listener);
		}

		VisitRow row = jdbc
			.sql("select started_at, ended_at, duration_seconds, modality from visit where appointment_id = :id")
			.param("id", visit.id())
			.query((rs, n) -> new VisitRow(rs.getObject(1, OffsetDateTime.class).toInstant(),
					rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3), rs.getString(4)))
			.single();
		assertThat(row).isEqualTo(new VisitRow(admittedAt, admittedAt.plus(Duration.ofMinutes(25)), 25 * 60, "VIDEO"));
		assertThat(events).filteredOn(e -> e.appointmentId().equals(visit.id())).singleElement().satisfies(ended -> {
			assertThat(ended.clientId()).isEqualTo(visit.client().id());
			assertThat(ended.therapistId()).isEqualTo(visit.therapist().id());
			assertThat(ended.durationSeconds()).isEqualTo(25 * 60);
		});
	}

	@Test
	void signalsStayInTheirRoomAndNoOtherClientOrTherapistCanEnterIt() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("isolated-therapist"));
		TestPractice otherPractice = TestPractice.open(context, uniqueEmail("other-therapist"));
		FreeSlot[] backToBack = backToBackSlots(practice);
		Visit mine = booked(practice, backToBack[0]);
		Visit neighbour = booked(practice, backToBack[1]);
		FreeSlot sameTime = otherPractice.freeSlotAfter(backToBack[1].start().minusSeconds(1));
		assertThat(sameTime.start()).isEqualTo(backToBack[1].start());
		Visit elsewhere = booked(otherPractice, sameTime);
		// Open at once: the first session's last minutes are the second one's waiting
		// time.
		moveClockTo(backToBack[1].start().minus(Duration.ofMinutes(14)));
		List.of(mine, neighbour, elsewhere).forEach(this::checkIn);

		WebSession therapistSession = signedIn(practice.therapist());
		TestSocket myClient = connect(mine.client());
		TestSocket myTherapist = connect(therapistSession);
		TestSocket neighbourClient = connect(neighbour.client());
		TestSocket neighbourTherapist = connect(therapistSession);
		TestSocket elsewhereClient = connect(elsewhere.client());
		WebSession otherTherapistSession = signedIn(otherPractice.therapist());
		TestSocket elsewhereTherapist = connect(otherTherapistSession);
		admit(mine, myClient, myTherapist);
		admit(neighbour, neighbourClient, neighbourTherapist);
		admit(elsewhere, elsewhereClient, elsewhereTherapist);
		List<TestSocket> everyone = List.of(myClient, myTherapist, neighbourClient, neighbourTherapist, elsewhereClient,
				elsewhereTherapist);

		offer(mine, myClient, myTherapist);
		offer(neighbour, neighbourClient, neighbourTherapist);
		offer(elsewhere, elsewhereClient, elsewhereTherapist);
		candidate(mine, myTherapist, myClient);
		candidate(neighbour, neighbourTherapist, neighbourClient);
		candidate(elsewhere, elsewhereTherapist, elsewhereClient);
		everyone.forEach(TestSocket::expectNothingElse);

		// Strangers to my room, even my therapist's other client, learn nothing: a
		// made-up room looks the same.
		Visit madeUp = new Visit(UUID.randomUUID(), mine.slot(), mine.client(), mine.therapist());
		JsonNode unknownRoom = attempt(neighbourClient, madeUp, "visit-join");
		for (TestSocket stranger : List.of(neighbourClient, elsewhereClient, elsewhereTherapist)) {
			for (String type : List.of("visit-join", "visit-signal", "visit-media", "visit-admit", "visit-send-back",
					"visit-end")) {
				JsonNode refused = attempt(stranger, mine, type);
				assertThat(refused.path("message").asString()).isEqualTo(unknownRoom.path("message").asString());
			}
		}
		everyone.forEach(TestSocket::expectNothingElse);

		// My room goes on as before: nothing ended it, and its signals still reach only
		// my therapist.
		offer(mine, myClient, myTherapist);
		candidate(mine, myTherapist, myClient);
		everyone.forEach(TestSocket::expectNothingElse);
	}

	@Test
	void onlyASignedInClientOrTherapistOnAHavenPageMayOpenTheSocket() {
		TestAccounts accounts = TestAccounts.in(context);
		String origin = "http://localhost:" + port;
		WebSession client = signedIn(accounts.client(uniqueEmail("socket-client")));
		WebSession admin = signedIn(accounts.admin(uniqueEmail("socket-admin")));

		assertThat(TestSocket.refusedHandshake(port, Map.of("Origin", origin))).as("anonymous").isEqualTo(302);
		assertThat(TestSocket.refusedHandshake(port,
				Map.of("Cookie", client.cookieHeader(), "Origin", "https://evil.example")))
			.as("another site's page")
			.isEqualTo(403);
		assertThat(TestSocket.refusedHandshake(port, Map.of("Cookie", client.cookieHeader()))).as("no Origin")
			.isEqualTo(403);
		assertThat(TestSocket.refusedHandshake(port, Map.of("Cookie", admin.cookieHeader(), "Origin", origin)))
			.as("an admin")
			.isEqualTo(403);

		connect(client).expectNothingElse();
	}

	@Test
	void theRoomOpensFifteenMinutesBeforeTheStartForACheckedInClientAndClosesAtTheEnd() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("window-therapist")));
		moveClockTo(visit.slot().start().minus(Duration.ofMinutes(20)));
		TestSocket client = connect(visit.client());
		attempt(client, visit, "visit-join", "not-open");
		// A check-in before the room opened is not one for this session.
		checkIn(visit);

		moveClockTo(visit.slot().start().minus(Duration.ofMinutes(10)));
		attempt(client, visit, "visit-join", "check-in-required");
		checkIn(visit);
		client.send(visit.frame("visit-join"));
		assertThat(client.next("visit-joined").path("state").asString()).isEqualTo("waiting");

		moveClockTo(visit.slot().end());
		attempt(client, visit, "visit-join", "not-open");
		attempt(client, visit, "visit-signal", "not-open");
		client.expectNothingElse();
	}

	@Test
	void aCancelledAppointmentHasNoRoomToEnter() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("cancelled-therapist"));
		Visit visit = booked(practice);
		openRoom(visit);
		checkIn(visit);
		assertThat(practice.cancel(visit.client().id(), visit.id())).isPresent();
		TestSocket client = connect(visit.client());
		TestSocket therapist = connect(visit.therapist());

		attempt(client, visit, "visit-join", "not-open");
		attempt(therapist, visit, "visit-join", "not-open");
		client.expectNothingElse();
		therapist.expectNothingElse();
	}

	@Test
	void everyBadFrameGetsItsErrorAndTheConnectionLivesOn() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("errors-therapist")));
		openRoom(visit);
		checkIn(visit);
		TestSocket client = connect(visit.client());
		TestSocket therapist = connect(visit.therapist());

		client.sendRaw("{\"type\": \"ping\", \"id\": ");
		assertThat(client.nextError("malformed").has("re")).isFalse();
		client.sendRaw("[{\"type\": \"ping\", \"id\": \"a1\"}]");
		assertThat(client.nextError("malformed").has("re")).isFalse();
		client.sendRaw("{\"id\": \"no-type\"}");
		assertThat(client.nextError("malformed").path("re").asString()).isEqualTo("no-type");
		client.sendRaw("{\"type\": 7, \"id\": \"number-type\"}");
		assertThat(client.nextError("malformed").path("re").asString()).isEqualTo("number-type");
		String unknown = client.send(frame("dance"));
		assertThat(client.nextError("unknown-type").path("re").asString()).isEqualTo(unknown);
		// The room's frames carry the module's prefix, as chat's do: the bare names are
		// not
		// frames.
		for (String bare : List.of("join", "signal", "media", "end")) {
			String unprefixed = client.send(visit.frame(bare));
			assertThat(client.nextError("unknown-type").path("re").asString()).isEqualTo(unprefixed);
		}
		client.send(frame("ping").put("id", "x".repeat(65)));
		assertThat(client.nextError("malformed").has("re")).isFalse();
		String longest = client.send(frame("ping").put("id", "x".repeat(64)));
		assertThat(client.next("pong").path("re").asString()).isEqualTo(longest);
		String badRoom = client.send(frame("visit-join").put("room", "not-a-room"));
		assertThat(client.nextError("bad-field").path("re").asString()).isEqualTo(badRoom);
		String noRoom = client.send(frame("visit-join"));
		assertThat(client.nextError("bad-field").path("re").asString()).isEqualTo(noRoom);

		therapist.send(visit.frame("visit-join"));
		therapist.next("visit-joined");
		attempt(therapist, visit, "visit-admit", "no-one-waiting");
		client.send(visit.frame("visit-join"));
		client.next("visit-joined");
		therapist.next("visit-waiting");

		attempt(client, visit, "visit-signal", "not-admitted");
		attempt(therapist, visit, "visit-signal", "not-admitted");
		attempt(client, visit, "visit-media", "not-admitted");
		attempt(client, visit, "visit-admit", "not-allowed");
		attempt(client, visit, "visit-send-back", "not-allowed");

		therapist.send(visit.frame("visit-admit"));
		client.next("visit-admitted");
		therapist.next("visit-admitted");
		ObjectNode unknownDescription = visit.frame("visit-signal");
		unknownDescription.putObject("description").put("type", "surprise").put("sdp", SDP);
		client.nextErrorFor(unknownDescription, "bad-field");
		ObjectNode neither = visit.frame("visit-signal");
		client.nextErrorFor(neither, "bad-field");
		ObjectNode badCandidate = visit.frame("visit-signal");
		badCandidate.putObject("candidate").put("candidate", CANDIDATE).put("sdpMLineIndex", "zero");
		client.nextErrorFor(badCandidate, "bad-field");
		client.nextErrorFor(visit.frame("visit-media").put("mode", "hologram"), "bad-field");
		therapist.expectNothingElse();

		String start = "{\"type\": \"ping\", \"id\": \"big\", \"pad\": \"";
		String oneByteTooMany = start + "x".repeat(64 * 1024 + 1 - start.length() - 2) + "\"}";
		assertThat(oneByteTooMany.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024 + 1);
		client.sendRaw(oneByteTooMany);
		client.nextError("too-large");
		client.expectNothingElse();
		therapist.expectNothingElse();
	}

	@Test
	void aFrameFarTooLargeToReadClosesTheConnection() {
		TestSocket socket = connect(TestAccounts.in(context).client(uniqueEmail("flooding-client")));
		socket.sendRaw("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(300 * 1024) + "\"}");
		assertThat(socket.awaitClosedByServer()).as("1009: message too big").isEqualTo(1009);
	}

	@Test
	void aConnectionMaySendBurstsOf120FramesAndThen40ASecond() {
		TestSocket socket = connect(TestAccounts.in(context).client(uniqueEmail("chatty-client")));

		for (int i = 0; i < 120; i++) {
			String id = socket.send(frame("ping"));
			assertThat(socket.next("pong").path("re").asString()).isEqualTo(id);
		}
		socket.send(frame("ping"));
		socket.nextError("rate-limited");

		clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 40; i++) {
			String id = socket.send(frame("ping"));
			assertThat(socket.next("pong").path("re").asString()).isEqualTo(id);
		}
		socket.send(frame("ping"));
		socket.nextError("rate-limited");
	}

	@Test
	void anAdmittedClientWhoReconnectsIsStillAdmitted() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("reconnect-therapist")));
		openRoom(visit);
		checkIn(visit);
		WebSession clientSession = signedIn(visit.client());
		TestSocket client = connect(clientSession);
		TestSocket therapist = connect(visit.therapist());
		admit(visit, client, therapist);

		client.close();
		JsonNode left = therapist.next("visit-peer-left");
		assertThat(left.path("room").asString()).isEqualTo(visit.room());
		assertThat(left.path("role").asString()).isEqualTo("client");

		TestSocket back = connect(clientSession);
		back.send(visit.frame("visit-join"));
		JsonNode joined = back.next("visit-joined");
		assertThat(joined.path("state").asString()).isEqualTo("admitted");
		assertThat(joined.path("peerPresent").asBoolean()).isTrue();
		JsonNode rejoined = therapist.next("visit-peer-joined");
		assertThat(rejoined.path("room").asString()).isEqualTo(visit.room());
		assertThat(rejoined.path("role").asString()).isEqualTo("client");

		offer(visit, back, therapist);
		candidate(visit, therapist, back);
		back.expectNothingElse();
		therapist.expectNothingElse();
	}

	@Test
	void signingOutClosesTheSocketOpenedWithThatSession() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("signout-therapist")));
		openRoom(visit);
		WebSession therapistSession = signedIn(visit.therapist());
		TestSocket therapist = connect(therapistSession);
		therapist.send(frame("ping"));
		therapist.next("pong");

		// Closed at once, without waiting for the socket's next frame.
		therapistSession.post("/logout", Map.of());
		assertThat(therapist.awaitClosedByServer()).isEqualTo(1008);
	}

	@Test
	void signingOutEverywhereClosesEverySocketOfTheAccount() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("everywhere-client"));
		WebSession phone = signedIn(client);
		TestSocket onPhone = connect(phone);
		TestSocket onLaptop = connect(signedIn(client));
		TestSocket someoneElse = connect(TestAccounts.in(context).client(uniqueEmail("bystander-client")));

		phone.submit("/account", "/account/sign-out-everywhere", Map.of());
		assertThat(onPhone.awaitClosedByServer()).isEqualTo(1008);
		assertThat(onLaptop.awaitClosedByServer()).isEqualTo(1008);
		someoneElse.send(frame("ping"));
		someoneElse.next("pong");
	}

	@Test
	void aSessionThatEndedElsewhereClosesTheSocketAtItsNextFrame() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("expired-client"));
		WebSession session = signedIn(client);
		TestSocket socket = connect(session);
		// Gone from the session store without this node hearing of it (another node, or
		// the idle timeout).
		jdbc.sql("delete from spring_session where principal_name = :id").param("id", client.id().toString()).update();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			try {
				socket.sendRaw("{\"type\":\"ping\"}");
			}
			catch (RuntimeException closing) {
				// Closed between the look and the send: what the test waits for.
			}
			return socket.isClosedByServer();
		});
		assertThat(socket.awaitClosedByServer()).isEqualTo(1008);
	}

	@Test
	void aSessionPastItsExpiryClosesTheSocketAtItsNextFrame() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("lapsed-client"));
		TestAccount other = TestAccounts.in(context).client(uniqueEmail("lapsed-other"));
		TestSocket socket = connect(signedIn(client));
		TestSocket stillIn = connect(signedIn(other));
		// Still in the store, but expired (idle past its limit, not yet swept away).
		jdbc.sql("update spring_session set expiry_time = 1000 where principal_name = :id")
			.param("id", client.id().toString())
			.update();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
			try {
				socket.sendRaw("{\"type\":\"ping\"}");
				stillIn.sendRaw("{\"type\":\"ping\"}");
			}
			catch (RuntimeException closing) {
				// Closed between the look and the send: what the test waits for.
			}
			return socket.isClosedByServer();
		});
		assertThat(socket.awaitClosedByServer()).isEqualTo(1008);
		assertThat(stillIn.isClosedByServer()).isFalse();
		stillIn.send(frame("ping"));
		assertThat(stillIn.next("pong").path("type").asString()).isEqualTo("pong");
	}

	record VisitRow(Instant startedAt, Instant endedAt, long durationSeconds, String modality) {
	}

	@Test
	void theTherapistSendsTheClientBackToTheWaitingRoomAndAdmitsThemAgain() {
		Visit visit = booked(TestPractice.open(context, uniqueEmail("send-back-therapist")));
		openRoom(visit);
		checkIn(visit);
		TestSocket client = connect(visit.client());
		TestSocket therapist = connect(visit.therapist());
		Instant firstAdmission = clock.instant();
		admit(visit, client, therapist);

		clock.advance(Duration.ofMinutes(2));
		therapist.send(visit.frame("visit-send-back"));
		assertThat(client.next("visit-sent-back").path("room").asString()).isEqualTo(visit.room());
		assertThat(therapist.next("visit-sent-back").path("room").asString()).isEqualTo(visit.room());
		attempt(client, visit, "visit-signal", "not-admitted");
		attempt(therapist, visit, "visit-signal", "not-admitted");

		clock.advance(Duration.ofMinutes(1));
		therapist.send(visit.frame("visit-admit"));
		assertThat(client.next("visit-admitted").path("polite").asBoolean()).isTrue();
		assertThat(therapist.next("visit-admitted").path("polite").asBoolean()).isFalse();
		offer(visit, client, therapist);
		assertThat(jdbc.sql("select started_at from visit where appointment_id = :id")
			.param("id", visit.id())
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).as("the visit started at the first admission").isEqualTo(firstAdmission);
	}

	// The appointment and its room

	/** An appointment's two parties; the room is the appointment's id. */
	record Visit(UUID id, FreeSlot slot, TestAccount client, TestAccount therapist) {

		String room() {
			return id.toString();
		}

		ObjectNode frame(String type) {
			return TestSocket.frame(type).put("room", room());
		}
	}

	private Visit booked(TestPractice practice) {
		return booked(practice, practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1))));
	}

	private Visit booked(TestPractice practice, FreeSlot slot) {
		TestAccount client = practice.clientInCare(uniqueEmail("visit-client"), true);
		return new Visit(practice.book(client, slot, "VIDEO"), slot, client, practice.therapist());
	}

	/**
	 * Two free slots of the practice, the second right after the first (the 10-minute
	 * break between them).
	 */
	private FreeSlot[] backToBackSlots(TestPractice practice) {
		FreeSlot first = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1)));
		FreeSlot second = practice.freeSlotAfter(first.start());
		while (!second.start().equals(first.end().plus(Duration.ofMinutes(10)))) {
			first = second;
			second = practice.freeSlotAfter(first.start());
		}
		return new FreeSlot[] { first, second };
	}

	/** Ten minutes before the start: inside the join window. */
	private void openRoom(Visit visit) {
		moveClockTo(visit.slot().start().minus(Duration.ofMinutes(10)));
	}

	private void moveClockTo(Instant instant) {
		clock.advance(Duration.between(clock.instant(), instant));
	}

	private Instant checkIn(Visit visit) {
		return checkIns.checkIn(visit.id(), visit.client().id(), LOCATION, JURISDICTION, PHONE).at();
	}

	// Connections and frames

	private WebSession signedIn(TestAccount account) {
		WebSession session = browser();
		session.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return session;
	}

	private TestSocket connect(TestAccount account) {
		return connect(signedIn(account));
	}

	private TestSocket connect(WebSession session) {
		TestSocket socket = TestSocket.open(port, session);
		sockets.add(socket);
		return socket;
	}

	/**
	 * The client joins and waits, the therapist joins and sees them waiting, and admits
	 * them.
	 */
	private static void admit(Visit visit, TestSocket client, TestSocket therapist) {
		client.send(visit.frame("visit-join"));
		assertThat(client.next("visit-joined").path("state").asString()).isEqualTo("waiting");
		therapist.send(visit.frame("visit-join"));
		assertThat(therapist.next("visit-joined").path("role").asString()).isEqualTo("therapist");
		assertThat(therapist.next("visit-waiting").path("room").asString()).isEqualTo(visit.room());
		therapist.send(visit.frame("visit-admit"));
		assertThat(client.next("visit-admitted").path("room").asString()).isEqualTo(visit.room());
		assertThat(therapist.next("visit-admitted").path("room").asString()).isEqualTo(visit.room());
	}

	/**
	 * An offer unique to this room goes from one party and arrives, unchanged, at the
	 * other.
	 */
	private static void offer(Visit visit, TestSocket from, TestSocket to) {
		ObjectNode offer = visit.frame("visit-signal");
		offer.putObject("description").put("type", "offer").put("sdp", SDP + "a=room:" + visit.room() + "\r\n");
		from.send(offer);
		JsonNode relayed = to.next("visit-signal");
		assertThat(relayed.path("room").asString()).isEqualTo(visit.room());
		assertThat(relayed.get("description")).isEqualTo(offer.get("description"));
	}

	private static void candidate(Visit visit, TestSocket from, TestSocket to) {
		ObjectNode candidate = visit.frame("visit-signal");
		candidate.putObject("candidate")
			.put("candidate", CANDIDATE + " ufrag " + visit.id().toString().substring(0, 8))
			.put("sdpMid", "0")
			.put("sdpMLineIndex", 0);
		from.send(candidate);
		JsonNode relayed = to.next("visit-signal");
		assertThat(relayed.path("room").asString()).isEqualTo(visit.room());
		assertThat(relayed.get("candidate")).isEqualTo(candidate.get("candidate"));
	}

	/** A room frame of the type that must be refused as not-found; returns the error. */
	private static JsonNode attempt(TestSocket socket, Visit visit, String type) {
		return attempt(socket, visit, type, "not-found");
	}

	/**
	 * A room frame of the type (a valid one, as a party would send it) that must get the
	 * error; returns it.
	 */
	private static JsonNode attempt(TestSocket socket, Visit visit, String type, String code) {
		ObjectNode frame = visit.frame(type);
		if (type.equals("visit-signal")) {
			frame.putObject("description").put("type", "offer").put("sdp", SDP);
		}
		if (type.equals("visit-media")) {
			frame.put("mode", "audio");
		}
		return socket.nextErrorFor(frame, code);
	}

}

package org.haven.shared.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.ClusterNodes;
import org.haven.support.ClusterNodes.Node;
import org.haven.support.MutableClock;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.haven.visits.TestVisits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two Haven nodes sharing one PostgreSQL and one Redis, as a cluster behind a load
 * balancer without sticky sessions: a client connected to node A and their therapist
 * connected to node B chat and meet as if on one node, and nothing is lost while Redis is
 * away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIntegrationTests {

	private static final String SDP = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

	private static ClusterNodes cluster;

	private static Node a;

	private static Node b;

	private static int emails;

	private final List<TestSocket> sockets = new ArrayList<>();

	@BeforeAll
	static void startTwoNodes() {
		cluster = new ClusterNodes();
		MutableClock start = new MutableClock();
		a = cluster.start("node-a", start);
		b = cluster.start("node-b", start);
	}

	@AfterAll
	static void stopNodes() {
		cluster.close();
	}

	@BeforeEach
	void sameTimeOnBothNodes() {
		if (b.context().isActive()) {
			b.clock().advance(Duration.between(b.clock().instant(), a.clock().instant()));
		}
	}

	@AfterEach
	void closeSockets() {
		sockets.forEach(TestSocket::close);
	}

	@Test
	@Order(1)
	void aClientOnOneNodeAndATherapistOnAnotherChatInOneOrderWithReceiptsTypingAndEdits() throws Exception {
		ChatFixture chat = chat("order");
		TestSocket client = open(a, chat, chat.client());
		TestSocket therapist = open(b, chat, chat.therapist());

		// Both send at once, five each: every item reaches the other node, and each side
		// ends with one sequence 1..10 without a gap or a duplicate.
		Thread clientSends = new Thread(() -> sendMany(client, chat, "c", 5));
		clientSends.start();
		sendMany(therapist, chat, "t", 5);
		clientSends.join();
		assertThat(received(client, 5)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		assertThat(received(therapist, 5)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

		therapist.send(chat.frame("chat-typing"));
		assertThat(client.next("chat-typing").path("by").asString()).isEqualTo("therapist");

		therapist.send(chat.frame("chat-receipt").put("delivered", 10).put("read", 10));
		JsonNode receipt = client.next("chat-receipt");
		assertThat(receipt.path("by").asString()).isEqualTo("therapist");
		assertThat(receipt.path("read").asLong()).isEqualTo(10);

		client.send(chat.message("c-edit", "to be edited"));
		long own = client.next("chat-ack").path("seq").asLong();
		assertThat(therapist.next("chat-item").path("item").path("seq").asLong()).isEqualTo(own);
		client.send(chat.frame("chat-edit").put("seq", own).put("text", "edited across nodes"));
		client.next("chat-ack");
		JsonNode edited = therapist.next("chat-item").path("item");
		assertThat(edited.path("seq").asLong()).isEqualTo(own);
		assertThat(edited.path("text").asString()).isEqualTo("edited across nodes");
	}

	@Test
	@Order(2)
	void aReconnectToTheOtherNodeCatchesUpExactlyWhatWasMissed() {
		ChatFixture chat = chat("reconnect");
		TestSocket client = open(a, chat, chat.client());
		TestSocket therapist = open(b, chat, chat.therapist());
		client.send(chat.message("c-1", "before the switch"));
		long lastSeen = client.next("chat-ack").path("seq").asLong();
		therapist.next("chat-item");
		client.close();

		therapist.send(chat.message("t-1", "one"));
		therapist.next("chat-ack");
		therapist.send(chat.message("t-2", "two"));
		therapist.next("chat-ack");

		TestSocket back = socket(b, session(chat.client()));
		back.send(chat.frame("chat-open").put("after", lastSeen));
		back.next("chat-opened");
		assertThat(ChatFixture.texts(back.next("chat-items").path("items"))).containsExactly("one", "two");
		back.expectNothingElse();
	}

	@Test
	@Order(3)
	void aVisitWithTheClientOnOneNodeAndTheTherapistOnAnotherKnocksIsAdmittedSignalsAndEnds() {
		Visit visit = visit("visit");
		TestSocket client = socket(a, session(visit.client()));
		TestSocket therapist = socket(b, session(visit.therapist()));

		client.send(visit.frame("visit-join"));
		assertThat(client.next("visit-joined").path("state").asString()).isEqualTo("waiting");
		therapist.send(visit.frame("visit-join"));
		assertThat(therapist.next("visit-joined").path("peerPresent").asBoolean()).isTrue();
		JsonNode knock = therapist.next("visit-waiting");
		assertThat(knock.path("checkIn").path("location").asString()).isEqualTo(TestVisits.LOCATION);

		therapist.send(visit.frame("visit-admit"));
		assertThat(client.next("visit-admitted").path("polite").asBoolean()).isTrue();
		assertThat(therapist.next("visit-admitted").path("polite").asBoolean()).isFalse();

		therapist.send(visit.frame("visit-signal").set("description", offer()));
		assertThat(client.next("visit-signal").path("description").path("type").asString()).isEqualTo("offer");
		ObjectNode answer = TestSocket.JSON.createObjectNode().put("type", "answer").put("sdp", SDP);
		client.send(visit.frame("visit-signal").set("description", answer));
		assertThat(therapist.next("visit-signal").path("description").path("type").asString()).isEqualTo("answer");

		client.send(visit.frame("visit-end"));
		assertThat(therapist.next("visit-ended").path("room").asString()).isEqualTo(visit.room());
		assertThat(client.next("visit-ended").path("room").asString()).isEqualTo(visit.room());
	}

	@Test
	@Order(4)
	void signingOutOnOneNodeClosesTheSocketsOnTheOther() {
		ChatFixture chat = chat("sign-out");
		WebSession onA = session(chat.client());
		TestSocket onB = open(b, chat, onA);

		onA.submit("/home", "/logout", Map.of());

		assertThat(onB.awaitClosedByServer()).isEqualTo(1008);
	}

	@Test
	@Order(4)
	void aSessionThatExpiredClosesItsSocketsOnEveryNodeEvenSilentOnes() {
		ChatFixture chat = chat("expiry");
		TestSocket[] both = onBothNodes(chat);
		TestSocket onA = both[0];
		TestSocket onB = both[1];
		// What the session store's clean-up does once the idle timeout has passed.
		a.context()
			.getBean(JdbcClient.class)
			.sql("delete from spring_session where principal_name = :id")
			.param("id", chat.client().id().toString())
			.update();

		a.context().getBean(RealtimeConnections.class).closeExpired();
		b.context().getBean(RealtimeConnections.class).closeExpired();

		assertThat(onA.awaitClosedByServer()).isEqualTo(1008);
		assertThat(onB.awaitClosedByServer()).isEqualTo(1008);
	}

	@Test
	@Order(5)
	void theFloodLimitHoldsForOnePersonWithSocketsOnTwoNodes() {
		ChatFixture chat = chat("flood");
		TestSocket[] both = onBothNodes(chat);
		TestSocket onA = both[0];
		TestSocket onB = both[1];

		int stored = 0;
		int refused = 0;
		for (int i = 0; i < 30; i++) {
			TestSocket socket = i % 2 == 0 ? onA : onB;
			String id = socket.send(chat.message("flood-" + i, "message " + i));
			JsonNode answer = socket.next();
			while (!answer.path("re").asString().equals(id)) {
				answer = socket.next();
			}
			if (answer.path("type").asString().equals("chat-ack")) {
				stored++;
			}
			else if (answer.path("code").asString().equals("flood")) {
				refused++;
			}
		}
		assertThat(stored).as("20 in 10 seconds for the person, not per node").isEqualTo(20);
		assertThat(refused).isEqualTo(10);
	}

	@Test
	@Order(5)
	void theFrameBudgetHoldsForOnePersonWithSocketsOnTwoNodes() {
		ChatFixture chat = chat("frames");
		WebSession session = session(chat.client());
		TestSocket onA = socket(a, session);
		TestSocket onB = socket(b, session);

		// 110 frames on each socket, as fast as they go: each is within its connection's
		// burst of 120, but together they pass the person's 180. Each connection takes 10
		// tokens at a time from Redis; the clocks stand still, so nothing refills.
		for (int i = 0; i < 110; i++) {
			onA.send(TestSocket.frame("ping"));
			onB.send(TestSocket.frame("ping"));
		}
		int answered = 0;
		int limited = 0;
		for (int i = 0; i < 220; i++) {
			JsonNode frame = (i % 2 == 0 ? onA : onB).next();
			if (frame.path("type").asString().equals("pong")) {
				answered++;
			}
			else if (frame.path("code").asString().equals("rate-limited")) {
				limited++;
			}
		}
		assertThat(answered + limited).isEqualTo(220);
		assertThat(answered).as("never more than the person's 180; a connection may leave up to 9 of its 10 unspent")
			.isBetween(171, 180);
	}

	@Test
	@Order(6)
	void redisStoppedAndStartedMidConversationLosesNothing() {
		ChatFixture chat = chat("redis-restart");
		TestSocket client = open(a, chat, chat.client());
		TestSocket therapist = open(b, chat, chat.therapist());
		client.send(chat.message("c-0", "before"));
		client.next("chat-ack");
		long lastSeen = therapist.next("chat-item").path("item").path("seq").asLong();
		HealthIndicator redisHealth = b.context().getBean("redisHealthIndicator", HealthIndicator.class);

		cluster.stopRedis();
		Awaitility.await().atMost(TestSocket.WAIT).until(() -> redisHealth.health().getStatus().equals(Status.DOWN));
		assertThat(b.browser().get("/actuator/health/readiness").status()).as("the node stays ready").isEqualTo(200);
		for (int i = 1; i <= 3; i++) {
			client.send(chat.message("c-" + i, "while Redis is away " + i));
			assertThat(client.next("chat-ack").path("seq").asLong()).as("stored and acknowledged on node A")
				.isEqualTo(lastSeen + i);
		}

		cluster.startRedis();
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> redisHealth.health().getStatus().equals(Status.UP));
		// Each node's sockets close once its link is back, so that their pages catch up.
		assertThat(therapist.awaitClosedByServer()).isEqualTo(1012);
		assertThat(client.awaitClosedByServer()).isEqualTo(1012);
		TestSocket back = socket(b, session(chat.therapist()));
		back.send(chat.frame("chat-open").put("after", lastSeen));
		back.next("chat-opened");
		assertThat(ChatFixture.texts(back.next("chat-items").path("items"))).containsExactly("while Redis is away 1",
				"while Redis is away 2", "while Redis is away 3");

		// And frames cross between the nodes again.
		TestSocket clientAgain = open(a, chat, chat.client());
		clientAgain.send(chat.message("c-4", "after"));
		clientAgain.next("chat-ack");
		assertThat(back.next("chat-item").path("item").path("text").asString()).isEqualTo("after");
	}

	@Test
	@Order(7)
	void anAdmittedClientStaysAdmittedWhenTheTherapistsNodeStops() {
		Visit visit = visit("node-stops");
		TestSocket client = socket(a, session(visit.client()));
		TestSocket therapist = socket(b, session(visit.therapist()));
		client.send(visit.frame("visit-join"));
		client.next("visit-joined");
		therapist.send(visit.frame("visit-join"));
		therapist.next("visit-joined");
		therapist.send(visit.frame("visit-admit"));
		client.next("visit-admitted");

		b.stop();
		// The stopping node closed the therapist's socket while it could still say so.
		assertThat(client.next("visit-peer-left").path("role").asString()).isEqualTo("therapist");

		TestSocket again = socket(a, session(visit.therapist()));
		again.send(visit.frame("visit-join"));
		assertThat(again.next("visit-joined").path("state").asString()).isEqualTo("admitted");
		assertThat(client.next("visit-peer-joined").path("role").asString()).isEqualTo("therapist");
	}

	private ChatFixture chat(String name) {
		emails++;
		return ChatFixture.create(a.context(), "cluster-" + name + "-therapist-" + emails + "@example.org",
				"cluster-" + name + "-client-" + emails + "@example.org");
	}

	private Visit visit(String name) {
		emails++;
		TestPractice practice = TestPractice.open(a.context(),
				"cluster-" + name + "-therapist-" + emails + "@example.org");
		TestAccount client = practice.clientInCare("cluster-" + name + "-client-" + emails + "@example.org", true);
		FreeSlot slot = practice.freeSlotAfter(a.clock().instant().plus(Duration.ofHours(1)));
		UUID id = practice.book(client, slot, "VIDEO");
		Duration toRoom = Duration.between(a.clock().instant(), slot.start().minus(Duration.ofMinutes(10)));
		a.clock().advance(toRoom);
		b.clock().advance(toRoom);
		TestVisits.checkIn(a.context(), id, client.id());
		return new Visit(id, client, practice.therapist());
	}

	/** Signed in through node A: the session is PostgreSQL's, so every node knows it. */
	private WebSession session(TestAccount account) {
		// A second factor's code is accepted once: the next sign-in of the same
		// therapist comes 30 s later.
		a.clock().advance(Duration.ofSeconds(30));
		if (b.context().isActive()) {
			b.clock().advance(Duration.ofSeconds(30));
		}
		return ChatFixture.signIn(a.browser(), account);
	}

	/** The client's conversation open on a socket to each node, in one session. */
	private TestSocket[] onBothNodes(ChatFixture chat) {
		WebSession session = session(chat.client());
		return new TestSocket[] { open(a, chat, session), open(b, chat, session) };
	}

	private TestSocket open(Node node, ChatFixture chat, TestAccount account) {
		return open(node, chat, session(account));
	}

	private TestSocket open(Node node, ChatFixture chat, WebSession session) {
		TestSocket socket = socket(node, session);
		socket.send(chat.frame("chat-open"));
		socket.next("chat-opened");
		socket.next("chat-items");
		return socket;
	}

	private TestSocket socket(Node node, WebSession session) {
		TestSocket socket = node.socket(session);
		sockets.add(socket);
		return socket;
	}

	private static void sendMany(TestSocket socket, ChatFixture chat, String prefix, int count) {
		for (int i = 0; i < count; i++) {
			socket.send(chat.message(prefix + "-" + i, prefix + " " + i));
		}
	}

	/**
	 * The sequence numbers a side holds once its own {@code acks} are acknowledged and
	 * the other side's items arrived: from the acks and the pushed items together.
	 */
	private static TreeSet<Long> received(TestSocket socket, int acks) {
		TreeSet<Long> seqs = new TreeSet<>();
		int acked = 0;
		while (acked < acks || seqs.size() < 10) {
			JsonNode frame = socket.next();
			String type = frame.path("type").asString();
			if (type.equals("chat-ack")) {
				acked++;
				assertThat(seqs.add(frame.path("seq").asLong())).as("no sequence twice").isTrue();
			}
			else if (type.equals("chat-item")) {
				assertThat(seqs.add(frame.path("item").path("seq").asLong())).as("no sequence twice").isTrue();
			}
		}
		return seqs;
	}

	private static ObjectNode offer() {
		return TestSocket.JSON.createObjectNode().put("type", "offer").put("sdp", SDP);
	}

	record Visit(UUID id, TestAccount client, TestAccount therapist) {

		String room() {
			return id.toString();
		}

		ObjectNode frame(String type) {
			return TestSocket.frame(type).put("room", room());
		}

	}

}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.haven.browser.support.CallBrowsers;
import org.haven.browser.support.Page;
import org.haven.browser.support.VisitRoom;
import org.awaitility.Awaitility;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.messaging.ChatFixture;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.ClusterNodes;
import org.haven.support.ClusterNodes.Node;
import org.haven.support.MarkupCheck;
import org.haven.support.MutableClock;
import org.haven.support.ServedDocuments;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import tools.jackson.databind.JsonNode;

/**
 * Two Haven nodes that share PostgreSQL and Redis, as behind a load balancer, in real
 * browsers: a video call with the client's browser on node A and the therapist's on node
 * B (knocking, admission and signaling cross between the nodes while the media runs peer
 * to peer), and a chat page that fills the gap a lost cross-node frame leaves.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBrowserTests {

	private static ClusterNodes cluster;

	private static Node a;

	private static Node b;

	private static CallBrowsers call;

	@BeforeAll
	static void twoNodesAndTwoBrowsers() {
		cluster = new ClusterNodes();
		MutableClock start = new MutableClock();
		a = cluster.start("node-a", start);
		b = cluster.start("node-b", start);
		call = CallBrowsers.start();
	}

	@AfterAll
	static void stop() {
		try {
			if (call != null) {
				call.quit();
			}
		}
		finally {
			cluster.close();
		}
	}

	@AfterEach
	void servedPagesAreValidHtml() {
		MarkupCheck.assertNone(MarkupCheck.errorsIn(ServedDocuments.drain()));
	}

	@Test
	@Order(1)
	void aClientOnOneNodeAndTheirTherapistOnAnotherMeetInAVideoCall() {
		String name = "cluster-call-" + UUID.randomUUID();
		TestPractice practice = TestPractice.open(a.context(), name + "-therapist@example.org");
		TestAccount client = practice.clientInCare(name + "-client@example.org", true);
		FreeSlot slot = practice.freeSlotAfter(a.clock().instant().plus(Duration.ofHours(1)));
		UUID visit = practice.book(client, slot, "VIDEO");
		// The room opens ten minutes before the start, by each node's clock: both move
		// together.
		Duration toRoom = Duration.between(a.clock().instant(), slot.start().minus(Duration.ofMinutes(10)));
		a.clock().advance(toRoom);
		b.clock().advance(toRoom);

		Page clientOnA = Page.at(call.client(), a.port());
		clientOnA.signIn(client);
		VisitRoom.checkIn(clientOnA, visit);
		assertThat(call.client().findElement(By.id("waiting-status")).getText())
			.contains("Your therapist will admit you shortly");

		Page therapistOnB = Page.at(call.therapist(), b.port());
		therapistOnB.signIn(practice.therapist());
		VisitRoom.admit(call, therapistOnB, visit);

		VisitRoom.assertInTheCall(call, call.therapist());
		VisitRoom.assertInTheCall(call, call.client());
		assertThat(call.client().getCurrentUrl()).as("the client's page is node A's")
			.startsWith(clientOnA.baseUrl() + "/");
		assertThat(call.therapist().getCurrentUrl()).as("the therapist's page is node B's")
			.startsWith(therapistOnB.baseUrl() + "/");
	}

	/**
	 * Redis is away, so an item stored on node A never reaches the therapist's page on
	 * node B; the next item, stored on node B, arrives with a number that skips the lost
	 * one. The page must not take it as "everything up to here": it asks for the gap and
	 * shows both, without waiting for Redis.
	 */
	@Test
	@Order(2)
	void aChatPageThatMissesAnItemFromAnotherNodeFetchesItWhenALaterOneArrives() {
		String name = "cluster-chat-" + UUID.randomUUID();
		ChatFixture chat = ChatFixture.create(a.context(), name + "-therapist@example.org",
				name + "-client@example.org");
		WebSession clientSession = ChatFixture.signIn(a.browser(), chat.client());
		TestSocket clientOnA = a.socket(clientSession);
		clientOnA.send(chat.frame("chat-open"));
		clientOnA.next("chat-opened");
		clientOnA.next("chat-items");
		TestSocket clientOnB = b.socket(clientSession);
		clientOnB.send(chat.frame("chat-open"));
		clientOnB.next("chat-opened");
		clientOnB.next("chat-items");
		clientOnA.send(chat.message("zero", "before Redis went away"));
		clientOnA.next("chat-ack");
		clientOnB.next("chat-item");

		call.therapist().manage().deleteAllCookies();
		Page therapistOnB = Page.at(call.therapist(), b.port());
		therapistOnB.signIn(chat.therapist());
		therapistOnB.open("/messages/" + chat.conversation());
		therapistOnB.await("the conversation's first item")
			.until(d -> d.findElement(By.id("main")).getText().contains("before Redis went away"));

		HealthIndicator redisOnA = a.context().getBean("redisHealthIndicator", HealthIndicator.class);
		HealthIndicator redisOnB = b.context().getBean("redisHealthIndicator", HealthIndicator.class);
		cluster.stopRedis();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> redisOnA.health().getStatus().equals(Status.DOWN)
						&& redisOnB.health().getStatus().equals(Status.DOWN));
			clientOnA.send(chat.message("one", "stored on node A"));
			skipTo(clientOnA, "chat-ack");
			clientOnB.send(chat.message("two", "stored on node B"));
			skipTo(clientOnB, "chat-ack");

			therapistOnB.await("both items, the one from node A fetched for the gap")
				.until(d -> d.findElement(By.id("main")).getText().contains("stored on node B")
						&& d.findElement(By.id("main")).getText().contains("stored on node A"));
		}
		finally {
			cluster.startRedis();
			clientOnA.close();
			clientOnB.close();
		}
	}

	/** The next frame of this type, past the page's receipts and typing. */
	private static JsonNode skipTo(TestSocket socket, String type) {
		JsonNode frame = socket.next();
		while (!frame.path("type").asString().equals(type)) {
			frame = socket.next();
		}
		return frame;
	}

}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.haven.browser.support.CallBrowsers;
import org.haven.browser.support.Page;
import org.haven.browser.support.VisitRoom;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.ClusterNodes;
import org.haven.support.ClusterNodes.Node;
import org.haven.support.MarkupCheck;
import org.haven.support.MutableClock;
import org.haven.support.ServedDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A video call across two Haven nodes that share PostgreSQL and Redis, as behind a load
 * balancer: the client's browser reaches node A, the therapist's node B, and knocking,
 * admission and signaling cross between the nodes while the media runs peer to peer.
 */
@Tag("browser")
class ClusterVisitBrowserTests {

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

}

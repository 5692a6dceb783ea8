package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.browser.support.VisitRoom.CONNECTED_WITH_VIDEO;
import static org.haven.browser.support.VisitRoom.UNTIL;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.messaging.TestMessages;
import org.haven.browser.support.TwoBrowserTest;
import org.haven.browser.support.VisitRoom;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The visit room in two real browsers with fake cameras and microphones: the client
 * checks in and waits, the therapist admits, and the call runs peer to peer on loopback.
 * Browser state is read as {@link VisitRoom} reads it.
 */
@Tag("browser")
class VisitBrowserTests extends TwoBrowserTest {

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void bothSignedOut() {
		driver = therapistBrowser;
		((HasCdp) clientBrowser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	@AfterEach
	void backToTheFirstBrowser() {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			browser.get("about:blank"); // leaves the room: closes the socket and the call
		}
		driver = therapistBrowser;
	}

	@Test
	void clientChecksInTherapistAdmitsAndTheCallSurvivesSwitchesAndALostSocket() {
		Visit visit = visit("VIDEO");

		// 1. The client signs in, checks in (once with a mistake) and waits.
		as(clientBrowser);
		signIn(visit.client());
		open("/visits/" + visit.id());
		assertThat(heading()).isEqualTo("Waiting room");
		assertAccessible("waiting room, check-in form");
		fill("location", "At home, 12 Oak Street, Albany");
		fill("jurisdiction", "Nowhere");
		fill("phone", "+1 518 555 0100");
		press("Check in");
		assertThat(errorAt("jurisdiction")).contains("state or country");
		assertAccessible("waiting room, check-in with an error");
		fill("jurisdiction", "US-NY");
		press("Check in");
		awaitPath("/visits/" + visit.id());
		assertThat(text("waiting-status")).contains("Your therapist will admit you shortly");
		String median = (String) inPage("""
				return await until('the network check', () => document.getElementById('network-check').dataset.median);
				""");
		assertThat(Integer.parseInt(median)).isGreaterThanOrEqualTo(0);
		assertThat(driver.findElement(By.id("device-check")).isDisplayed()).isTrue();
		inPage("return await until('the camera preview', () => document.getElementById('preview-video').videoWidth > 0);");
		assertAccessible("waiting room, checked in");
		screenshot("visit-waiting-room");

		// The therapist sees who waits, with the check-in, and admits.
		as(therapistBrowser);
		signIn(visit.therapist());
		open("/visits/" + visit.id());
		inPage("return await until('the admit button', () => !document.getElementById('admit').disabled);");
		assertThat(text("check-in-jurisdiction")).isEqualTo("US-NY");
		assertThat(text("check-in-location")).isEqualTo("At home, 12 Oak Street, Albany");
		assertThat(text("check-in-phone")).isEqualTo("+1 518 555 0100");
		assertThat(text("waiting-status")).contains("is in the waiting room");
		assertThat(driver.getTitle()).startsWith("(waiting) ");
		assertAccessible("therapist's room, client waiting");
		driver.findElement(By.id("admit")).click();

		// Both reach connected and decode video both ways.
		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			VisitRoom.assertInTheCall(call(), browser);
		}
		assertThat(driver.getTitle()).doesNotStartWith("(waiting)");

		// Session text goes over the data channel, both sides see it: the client opens
		// the text drawer and writes; the therapist's Text button marks the new message.
		as(clientBrowser);
		driver.findElement(By.id("text-toggle")).click();
		fill("session-text", "Can you hear me? <b>yes</b>");
		driver.findElement(By.cssSelector("#session-text-form button")).click();
		as(therapistBrowser);
		inPage("return await until('the text', () => document.querySelector('#session-text-log li'));");
		inPage("return await until('the unread mark', () => !document.getElementById('text-unread').hidden);");
		assertThat(driver.findElement(By.id("text-toggle")).getAccessibleName()).startsWith("Text")
			.contains("new message");
		driver.findElement(By.id("text-toggle")).click();
		assertThat(driver.findElement(By.id("text-unread")).getDomAttribute("hidden")).isNotNull();
		assertThat(text("session-text-log")).contains("Can you hear me? <b>yes</b>");
		assertThat(driver.findElements(By.cssSelector("#session-text-log b"))).isEmpty();
		// It is the pair's conversation: stored, and on the messages page after the
		// session.
		UUID conversation = context.getBean(CareRelationships.class)
			.active(visit.client().id(), visit.therapist().id())
			.orElseThrow();
		assertThat(TestMessages.in(context).texts(conversation)).containsExactly("Can you hear me? <b>yes</b>");
		inPage("return await until('the timer', () => document.getElementById('timer').textContent !== '00:00');");
		inPage("return await until('a quality reading', () => /Good|Fair|Poor/.test(document.getElementById('quality').textContent));");
		driver.findElement(By.id("quality-toggle")).click();
		assertThat(text("quality")).matches("Connection: (Good|Fair|Poor) \\(.*kbit/s.*\\)");
		assertThat(driver.findElement(By.id("quality-toggle")).getAccessibleName())
			.matches("Connection: (Good|Fair|Poor)");
		assertAccessible("therapist's room, in the call");
		screenshot("visit-call-therapist");
		as(clientBrowser);
		assertAccessible("waiting room, in the call");
		screenshot("visit-call-client");

		// 3. Audio only during the call: same connection, sound still flows, no more
		// video from the client.
		inPage("window.pcBefore = havenVisit.pc;");
		driver.findElement(By.id("audio-only")).click();
		assertThat(driver.findElement(By.id("audio-only")).getDomAttribute("aria-pressed")).isEqualTo("true");
		inPage("""
				await until('the switch', () => document.getElementById('call-status').textContent.startsWith('Audio only'));
				const first = sum(await outbound('video'), 'bytesSent');
				await new Promise((r) => setTimeout(r, 1500));
				const second = sum(await outbound('video'), 'bytesSent');
				if (second - first > 2000) { throw new Error('video still sent: ' + (second - first) + ' bytes'); }
				if (havenVisit.pc !== window.pcBefore || havenVisit.pc.connectionState !== 'connected') { throw new Error('left the call'); }
				""");
		as(therapistBrowser);
		inPage("""
				await until('the notice', () => document.getElementById('call-status').textContent.includes('audio only'));
				const before = sum(await inbound('audio'), 'packetsReceived');
				await until('more audio', async () => sum(await inbound('audio'), 'packetsReceived') > before + 20);
				""");
		as(clientBrowser);
		inPage("""
				const before = sum(await inbound('audio'), 'packetsReceived');
				await until('more audio', async () => sum(await inbound('audio'), 'packetsReceived') > before + 20);
				""");

		// 4. The client's socket drops: it reconnects by itself, the page is not
		// reloaded, the call goes on.
		inPage("""
				window.notReloaded = true;
				window.oldSocket = havenVisit.ws;
				havenVisit.ws.close();
				""");
		inPage("""
				await until('a new socket', () => havenVisit.ws !== window.oldSocket && havenVisit.ws.readyState === WebSocket.OPEN, 10000);
				await until('connected again', () => havenVisit.pc.connectionState === 'connected'
				    && document.getElementById('call-status').textContent === 'Connected', 10000);
				if (!window.notReloaded) { throw new Error('the page was reloaded'); }
				const before = sum(await inbound('video'), 'framesDecoded');
				await until('more video', async () => sum(await inbound('video'), 'framesDecoded') > before + 5, 10000);
				""");
		as(therapistBrowser);
		inPage("""
				await until('connected', () => havenVisit.pc.connectionState === 'connected'
				    && document.getElementById('call-status').textContent === 'Connected', 10000);
				""");

		// And back to video: the camera comes back on the same connection.
		as(clientBrowser);
		driver.findElement(By.id("audio-only")).click();
		inPage("await until('video again', () => document.getElementById('call-status').textContent === 'Video is back on.');");
		as(therapistBrowser);
		inPage("""
				const before = sum(await inbound('video'), 'framesDecoded');
				await until('more video', async () => sum(await inbound('video'), 'framesDecoded') > before + 5, 10000);
				""");

		// Low bandwidth (under More) caps what the therapist sends, on the same
		// connection, and toggles back.
		driver.findElement(By.id("more")).click();
		driver.findElement(By.id("low-bandwidth")).click();
		inPage("""
				await until('the caps', () => {
				  const video = havenVisit.pc.getSenders().find((s) => s.track && s.track.kind === 'video').getParameters().encodings[0];
				  const audio = havenVisit.pc.getSenders().find((s) => s.track && s.track.kind === 'audio').getParameters().encodings[0];
				  return video.maxBitrate === 150000 && video.scaleResolutionDownBy >= 1 && audio.maxBitrate === 24000;
				});
				if (havenVisit.pc.connectionState !== 'connected') { throw new Error('left the call'); }
				""");
		assertThat(driver.findElement(By.id("low-bandwidth")).getDomAttribute("aria-pressed")).isEqualTo("true");
		driver.findElement(By.id("low-bandwidth")).click();
		inPage("""
				await until('no caps', () => {
				  const video = havenVisit.pc.getSenders().find((s) => s.track && s.track.kind === 'video').getParameters().encodings[0];
				  return video.maxBitrate === undefined && video.scaleResolutionDownBy === 1;
				});
				""");

		// The keepalive's activity event reschedules the idle warning, so it does not end
		// the call.
		inPage("""
				document.getElementById('idle-warning').hidden = false;
				document.dispatchEvent(new Event('haven:activity'));
				if (!document.getElementById('idle-warning').hidden) { throw new Error('the warning stayed'); }
				""");

		// Sent back to the waiting room and admitted again: a new connection that works
		// as well. The server's
		// frame budget refills with its clock, which stands still in tests unless moved.
		clock.advance(Duration.ofSeconds(5));
		assertThat(driver.findElement(By.id("more")).getDomAttribute("aria-expanded")).as("More, still open")
			.isEqualTo("true");
		driver.findElement(By.id("send-back")).click();
		as(clientBrowser);
		inPage("await until('back in the waiting room', () => havenVisit.state === 'waiting' && !havenVisit.pc);");
		assertThat(text("waiting-status")).contains("moved you back to the waiting room");
		assertThat(driver.findElement(By.id("call")).isDisplayed()).isFalse();
		assertThat(driver.findElement(By.id("device-check")).isDisplayed()).isTrue();
		as(therapistBrowser);
		inPage("return await until('the admit button', () => !document.getElementById('admit').disabled);");
		driver.findElement(By.id("admit")).click();
		inBoth(CONNECTED_WITH_VIDEO);

		// The therapist ends the session for both, once they confirm.
		as(therapistBrowser);
		driver.findElement(By.id("end")).click();
		driver.findElement(By.id("end-confirm")).click();
		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			inPage("await until('the end', () => havenVisit.state === 'ended' && !havenVisit.pc);");
			assertThat(text("waiting-status")).contains("The session has ended");
			assertThat(driver.findElement(By.id("call")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("whats-next")).isDisplayed()).isTrue();
		}
	}

	/**
	 * A client connection that never gets a candidate across (none of its own leave, none
	 * of the therapist's arrive) cannot connect, and an ICE restart does not help it: the
	 * therapist's side starts afresh, the client's follows on the new session, and the
	 * call connects on the second pair of connections.
	 */
	@Test
	void aCallThatCannotConnectStartsAfreshOnBothSides() {
		Visit visit = visit("VIDEO");
		clientChecksIn(visit);
		inPage("""
				const Original = window.RTCPeerConnection;
				let made = 0;
				window.RTCPeerConnection = class extends Original {
				  constructor(...args) {
				    super(...args);
				    made += 1;
				    if (made === 1) {
				      // No candidate crosses: none trickled either way, none inside a description either way.
				      const strip = (d) => d && d.sdp
				        ? { type: d.type, sdp: d.sdp.replace(/^a=(candidate:.*|end-of-candidates)\\r\\n/gm, '') } : d;
				      const setRemote = this.setRemoteDescription.bind(this);
				      this.setRemoteDescription = (d) => setRemote(strip(d));
				      const local = Object.getOwnPropertyDescriptor(Original.prototype, 'localDescription').get;
				      Object.defineProperty(this, 'localDescription', { get: () => strip(local.call(this)) });
				      this.addIceCandidate = async () => {};
				      const add = this.addEventListener.bind(this);
				      this.addEventListener = (type, listener, options) => {
				        if (type !== 'icecandidate') { add(type, listener, options); }
				      };
				    }
				  }
				};
				window.connectionsMade = () => made;
				""");
		therapistAdmits(visit);

		inBoth(CONNECTED_WITH_VIDEO);
		as(therapistBrowser);
		assertThat((String) inPage("return havenVisit.trace.join('\\n');")).contains("watchdog restart",
				"watchdog rebuild");
		as(clientBrowser);
		assertThat(inPage("return window.connectionsMade();")).isEqualTo(2L);
		assertThat(text("call-status")).isEqualTo("Connected");
	}

	@Test
	void anAudioAppointmentSendsSoundBothWaysAndNoVideo() {
		Visit visit = visit("AUDIO");
		clientChecksIn(visit);
		therapistAdmits(visit);

		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			inPage("""
					await until('connected', () => havenVisit.pc && havenVisit.pc.connectionState === 'connected', CALL_SETUP);
					await until('audio', async () => sum(await inbound('audio'), 'packetsReceived') > 0);
					await new Promise((r) => setTimeout(r, 1000));
					const video = (await outbound('video')).filter((s) => s.bytesSent > 0);
					if (video.length) { throw new Error('video was sent'); }
					if (havenVisit.pc.getSenders().some((s) => s.track && s.track.kind === 'video')) { throw new Error('a video track'); }
					""");
			assertThat(driver.findElement(By.id("camera")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("remote-video")).isDisplayed()).isFalse();
		}
		assertAccessible("waiting room, in an audio call");
	}

	@Test
	void noOneElseEntersTheRoom() {
		Visit visit = visit("VIDEO");
		TestAccount other = visit.practice().clientInCare(uniqueEmail("other"), true);
		FreeSlot otherSlot = visit.practice().freeSlotAfter(visit.slot().start().minus(Duration.ofMinutes(1)));
		visit.practice().book(other, otherSlot, "VIDEO");

		as(clientBrowser);
		signIn(other);
		open("/visits/" + visit.id());
		assertThat(mainText()).doesNotContain("Check in");
		Object status = inPage("return (await fetch('/visits/" + visit.id() + "')).status;");
		assertThat(status).isEqualTo(404L);

		as(therapistBrowser);
		open("/visits/" + visit.id());
		awaitPath("/login");
	}

	// ---- helpers
	// ------------------------------------------------------------------------------------------

	record Visit(TestPractice practice, TestAccount therapist, TestAccount client, UUID id, FreeSlot slot) {
	}

	/**
	 * A booked appointment with the room open: the application's clock is moved to ten
	 * minutes before the start, before anyone signs in (sessions are timed with the same
	 * clock).
	 */
	private Visit visit(String modality) {
		TestPractice practice = TestPractice.open(context, uniqueEmail("therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1)));
		UUID id = practice.book(client, slot, modality);
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));
		return new Visit(practice, practice.therapist(), client, id, slot);
	}

	/** The therapist signs in, opens the room and admits the waiting client. */
	private void therapistAdmits(Visit visit) {
		as(therapistBrowser);
		signIn(visit.therapist());
		VisitRoom.admit(call(), page(), visit.id());
	}

	/**
	 * The client signs in in the client's browser and checks in; the waiting room is
	 * open.
	 */
	private void clientChecksIn(Visit visit) {
		as(clientBrowser);
		signIn(visit.client());
		VisitRoom.checkIn(page(), visit.id());
	}

	private static String text(String id) {
		return driver.findElement(By.id(id)).getText();
	}

	/** The same in-page script in the therapist's browser, then in the client's. */
	private static void inBoth(String body) {
		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			inPage(body);
		}
	}

	/**
	 * Runs an async function body in the page, with the helpers of
	 * {@link VisitRoom#UNTIL}; its result, or a failure.
	 */
	private static Object inPage(String body) {
		return runInPage(UNTIL, body);
	}

}

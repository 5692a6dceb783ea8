package org.haven.browser.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The visit room as its two people use it: checking in, admitting, and what a call that
 * works looks like from inside each page. Browser state is read through
 * {@code window.havenVisit} (the page's RTCPeerConnection, WebSocket and state) and
 * getStats().
 */
public final class VisitRoom {

	/**
	 * Polls in the page until a condition holds; the result of the last call, or an error
	 * after the timeout.
	 */
	public static final String UNTIL = """
			const CALL_SETUP = 30000;
			const until = async (what, f, ms = 15000) => {
			  const end = Date.now() + ms;
			  for (;;) {
			    const value = await f();
			    if (value) { return value; }
			    if (Date.now() > end) { throw new Error('timed out waiting for ' + what + ' ' + diagnosis()); }
			    await new Promise((r) => setTimeout(r, 100));
			  }
			};
			const diagnosis = () => {
			  const v = window.havenVisit;
			  const pc = v && v.pc;
			  return JSON.stringify({ state: v && v.state, ws: v && v.ws && v.ws.readyState,
			    signaling: pc && pc.signalingState, connection: pc && pc.connectionState, ice: pc && pc.iceConnectionState,
			    local: pc && pc.localDescription && pc.localDescription.type, remote: pc && pc.remoteDescription && pc.remoteDescription.type,
			    transceivers: pc && pc.getTransceivers().map((t) => t.receiver.track.kind + ':' + t.direction + '/' + t.currentDirection),
			    status: (document.getElementById('call-status') || {}).textContent });
			};
			const stats = async () => {
			  const all = [];
			  if (window.havenVisit && havenVisit.pc) { (await havenVisit.pc.getStats()).forEach((s) => all.push(s)); }
			  return all;
			};
			const inbound = async (kind) => (await stats()).filter((s) => s.type === 'inbound-rtp' && s.kind === kind);
			const outbound = async (kind) => (await stats()).filter((s) => s.type === 'outbound-rtp' && s.kind === kind);
			const sum = (list, field) => list.reduce((n, s) => n + (s[field] || 0), 0);
			""";

	/**
	 * Connected, and at least one video frame decoded from the other side. A call whose
	 * candidates got lost restarts ICE 8 s after its connection was made and starts
	 * afresh 8 s later; the wait allows both.
	 */
	public static final String CONNECTED_WITH_VIDEO = """
			await until('connected', () => havenVisit.pc && havenVisit.pc.connectionState === 'connected', CALL_SETUP);
			await until('decoded video', async () => sum(await inbound('video'), 'framesDecoded') > 0);
			""";

	private VisitRoom() {
	}

	/** The client, signed in, opens the room and checks in; the waiting room is open. */
	public static void checkIn(Page client, UUID visit) {
		client.open("/visits/" + visit);
		client.fill("location", "At home");
		client.fill("jurisdiction", "US-NY");
		client.fill("phone", "+1 518 555 0100");
		client.press("Check in");
		client.awaitPath("/visits/" + visit);
	}

	/**
	 * The therapist, signed in, opens the room, waits until the client is there to be
	 * admitted, and admits them.
	 */
	public static void admit(CallBrowsers call, Page therapist, UUID visit) {
		therapist.open("/visits/" + visit);
		call.run(therapist.browser(), UNTIL,
				"return await until('the admit button', () => !document.getElementById('admit').disabled);");
		therapist.browser().findElement(By.id("admit")).click();
	}

	/**
	 * {@code browser}'s side of the call is connected and decodes the other side's video,
	 * the page says so, and shows the call.
	 */
	public static void assertInTheCall(CallBrowsers call, WebDriver browser) {
		call.run(browser, UNTIL, CONNECTED_WITH_VIDEO + """
				await until('the status', () => document.getElementById('call-status').textContent === 'Connected');
				""");
		assertThat(browser.findElement(By.id("call")).isDisplayed()).isTrue();
	}

}

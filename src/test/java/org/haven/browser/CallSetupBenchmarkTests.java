package org.haven.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.browser.support.TwoBrowserTest;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * How long from the therapist pressing Admit until both sides decode the first video
 * frame, over ten admissions on loopback (docs/benchmarks.md). Each round is a fresh
 * RTCPeerConnection on both sides: the therapist sends the client back to the waiting
 * room and admits again. Not part of the normal build.
 */
@Tag("benchmark")
class CallSetupBenchmarkTests extends TwoBrowserTest {

	private static final int ROUNDS = 10;

	private static final String WATCH = """
			window.firstFrameAt = null;
			(async () => {
			  for (;;) {
			    const pc = window.havenVisit && havenVisit.pc;
			    if (pc) {
			      let frames = 0;
			      (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') { frames += s.framesDecoded || 0; } });
			      if (frames > 0) { window.firstFrameAt = Date.now(); return; }
			    }
			    await new Promise((r) => setTimeout(r, 10));
			  }
			})();
			""";

	@Autowired
	private ApplicationContext context;

	@Test
	void admitToFirstDecodedFrame() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1)));
		UUID id = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));

		driver = clientBrowser;
		signIn(client);
		open("/visits/" + id);
		fill("location", "At home");
		fill("jurisdiction", "US-NY");
		fill("phone", "+1 518 555 0100");
		press("Check in");
		awaitPath("/visits/" + id);
		driver = therapistBrowser;
		signIn(practice.therapist());
		open("/visits/" + id);

		List<Long> both = new ArrayList<>();
		List<Long> atTherapist = new ArrayList<>();
		List<Long> atClient = new ArrayList<>();
		for (int round = 0; round < ROUNDS; round++) {
			// The server's frame budget refills with its clock, which stands still in
			// tests unless moved.
			clock.advance(Duration.ofSeconds(5));
			page(therapistBrowser, "await until(() => !document.getElementById('admit').disabled);");
			page(therapistBrowser, WATCH);
			page(clientBrowser, WATCH);
			long admitAt = ((Number) page(therapistBrowser,
					"const t = Date.now(); document.getElementById('admit').click(); return t;"))
				.longValue();
			long therapistFrame = ((Number) page(therapistBrowser, "return await until(() => window.firstFrameAt);"))
				.longValue();
			long clientFrame = ((Number) page(clientBrowser, "return await until(() => window.firstFrameAt);"))
				.longValue();
			atTherapist.add(therapistFrame - admitAt);
			atClient.add(clientFrame - admitAt);
			both.add(Math.max(therapistFrame, clientFrame) - admitAt);
			page(therapistBrowser, "document.getElementById('send-back').click();");
			page(therapistBrowser, "await until(() => havenVisit.state === 'waiting' && !havenVisit.pc);");
			page(clientBrowser, "await until(() => havenVisit.state === 'waiting' && !havenVisit.pc);");
		}
		System.out.printf("%nCall set-up on loopback, Admit to first decoded video frame, %d rounds (ms):%n", ROUNDS);
		System.out.printf("  both sides   median %d  p95 %d  all %s%n", percentile(both, 50), percentile(both, 95),
				both);
		System.out.printf("  therapist    median %d  p95 %d%n", percentile(atTherapist, 50),
				percentile(atTherapist, 95));
		System.out.printf("  client       median %d  p95 %d%n%n", percentile(atClient, 50), percentile(atClient, 95));
	}

	/** Nearest-rank percentile. */
	private static long percentile(List<Long> values, int p) {
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	private static Object page(WebDriver browser, String body) {
		Object result = ((JavascriptExecutor) browser).executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						const until = async (f, ms = 20000) => {
						  const end = Date.now() + ms;
						  for (;;) {
						    const v = await f();
						    if (v) { return v; }
						    if (Date.now() > end) { throw new Error('timed out: ' + JSON.stringify({ state: havenVisit.state, pc: !!havenVisit.pc,
						      status: document.getElementById('waiting-status').textContent })); }
						    await new Promise((r) => setTimeout(r, 10));
						  }
						};
						(async () => { %s })().then((value) => done({ value: value === undefined ? null : value }),
						    (error) => done({ error: String(error) }));
						"""
					.formatted(body));
		@SuppressWarnings("unchecked")
		Map<String, Object> outcome = (Map<String, Object>) result;
		if (outcome.get("error") != null) {
			StringBuilder logs = new StringBuilder();
			browser.manage().logs().get("browser").forEach(e -> logs.append("\n  ").append(e.getMessage()));
			throw new AssertionError(String.valueOf(outcome.get("error")) + logs);
		}
		return outcome.get("value");
	}

}

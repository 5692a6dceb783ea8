package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.browser.support.VisitRoom.UNTIL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The call as it looks and is used, in two real browsers: on a phone (390 x 844) and a
 * desktop (1280 x 800) the whole call fits the window with every control in view, the
 * heading says whom the session is with, the self view moves between corners, the text
 * drawer marks what arrived while it was closed, and the call works from the keyboard
 * alone, ending (after a confirmation) in "What's next".
 */
@Tag("browser")
class CallLayoutBrowserTests extends TwoBrowserTest {

	/** What must be on screen during a video call, whatever the window. */
	private static final List<String> IN_VIEW = List.of("mute", "camera", "audio-only", "text-toggle", "more", "end",
			"remote-video", "local-video", "quality-toggle", "timer");

	/**
	 * For each element id: outside the viewport (or not laid out), with its rectangle;
	 * and the page's scroll size against the viewport.
	 */
	private static final String GEOMETRY = """
			const outside = [];
			for (const id of arguments[0]) {
			  const r = document.getElementById(id).getBoundingClientRect();
			  if (!(r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth)) {
			    outside.push(id + ' ' + JSON.stringify(r));
			  }
			}
			const page = document.scrollingElement;
			return { outside, scrollHeight: page.scrollHeight, scrollWidth: page.scrollWidth, innerHeight, innerWidth };
			""";

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void bothSignedOut() {
		driver = therapistBrowser;
		((HasCdp) clientBrowser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	@AfterEach
	void backToDesktopSize() {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			browser.get("about:blank"); // leaves the room: closes the socket and the call
			((HasCdp) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			browser.manage().window().setSize(new Dimension(1280, 1000));
		}
		driver = therapistBrowser;
	}

	@Test
	void theCallFitsAPhoneAndADesktopWithEveryControlInView() {
		inACall();
		String therapistName = (String) script(clientBrowser,
				"return document.querySelector('.call .remote figcaption').textContent.trim();");

		// The waiting room became the session's room: heading and tab title say so.
		as(clientBrowser);
		assertThat(script(clientBrowser, "return document.querySelector('h1').textContent;"))
			.isEqualTo("Session with " + therapistName);
		assertThat(driver.getTitle()).startsWith("Session with " + therapistName);
		as(therapistBrowser);
		assertThat(script(therapistBrowser, "return document.querySelector('h1').textContent;")).asString()
			.startsWith("Session with ");

		// A phone: a window of 390 x 844 (its page a little smaller), then a page of
		// exactly 390 x 844.
		resizeBoth(390, 844);
		bothFit("a 390x844 window");
		emulateBoth(390, 844, true);
		bothFit("390x844");
		as(clientBrowser);
		assertAccessible("the call at 390x844");
		screenshot("call-390x844");

		// The text drawer is a sheet over the lower part of the video, its field in view.
		driver.findElement(By.id("text-toggle")).click();
		assertThat(activeId()).isEqualTo("session-text");
		assertFits(geometry(List.of("text-drawer", "session-text", "text-close", "end")));
		assertAccessible("the call at 390x844, text drawer open");
		screenshot("call-390x844-text");
		new Actions(driver).sendKeys(Keys.ESCAPE).perform();
		assertThat(driver.findElement(By.id("text-drawer")).isDisplayed()).isFalse();
		assertThat(activeId()).as("focus back on Text").isEqualTo("text-toggle");

		// More holds the device choices, screen sharing and low bandwidth.
		driver.findElement(By.id("more")).click();
		assertFits(geometry(List.of("more-panel", "camera-select", "mic-select", "share", "low-bandwidth")));
		assertAccessible("the call at 390x844, More open");
		screenshot("call-390x844-more");
		driver.findElement(By.id("more")).click();
		assertThat(driver.findElement(By.id("more-panel")).isDisplayed()).isFalse();

		// A desktop.
		resizeBoth(1280, 800);
		bothFit("a 1280x800 window");
		emulateBoth(1280, 800, false);
		bothFit("1280x800");
		as(clientBrowser);
		assertAccessible("the call at 1280x800");
		screenshot("call-1280x800");

		// The self view moves between corners: with the arrow keys once focused...
		WebElement self = driver.findElement(By.id("self-view"));
		assertThat(self.getAccessibleName()).isEqualTo("Your camera (move with arrow keys)");
		script(clientBrowser, "document.getElementById('self-view').focus();");
		new Actions(driver).sendKeys(Keys.ARROW_UP).sendKeys(Keys.ARROW_LEFT).perform();
		assertThat(self.getDomAttribute("data-corner")).isEqualTo("top-left");
		assertThat(text("call-status")).isEqualTo("Your camera is in the top left corner.");
		assertCorner("top-left");
		// ...and by dragging it: let go on the right, it settles in the top-right corner.
		new Actions(driver).clickAndHold(self).moveByOffset(600, 20).release().perform();
		assertThat(self.getDomAttribute("data-corner")).isEqualTo("top-right");
		assertCorner("top-right");
		assertFits(geometry(List.of("local-video")));

		// A message while the drawer is closed: marked on the Text button until opened.
		as(therapistBrowser);
		driver.findElement(By.id("text-toggle")).click();
		fill("session-text", "See you next week");
		driver.findElement(By.cssSelector("#session-text-form button")).click();
		as(clientBrowser);
		inPage("return await until('the unread mark', () => !document.getElementById('text-unread').hidden);");
		assertThat(driver.findElement(By.cssSelector("#text-toggle .unread-dot")).isDisplayed()).isTrue();
		assertThat(text("call-status")).contains("New message from " + therapistName);
		driver.findElement(By.id("text-toggle")).click();
		assertThat(driver.findElement(By.cssSelector("#text-toggle .unread-dot")).isDisplayed()).isFalse();
		assertThat(text("session-text-log")).contains("See you next week");
		assertAccessible("the call at 1280x800, text drawer open");
		screenshot("call-1280x800-text");
	}

	@Test
	void theClientRunsTheCallFromTheKeyboardAndEndsInWhatsNext() {
		inACall();
		as(clientBrowser);
		assertThat(activeId()).as("focus moved into the call").isEqualTo("call-heading");

		List<String> visited = new ArrayList<>();
		tabTo("mute", visited);
		new Actions(driver).sendKeys(Keys.SPACE).perform();
		assertThat(driver.findElement(By.id("mute")).getDomAttribute("aria-pressed")).isEqualTo("true");
		assertThat(text("call-status")).isEqualTo("Your microphone is muted.");

		tabTo("audio-only", visited);
		new Actions(driver).sendKeys(Keys.ENTER).perform();
		inPage("await until('audio only', () => document.getElementById('audio-only').getAttribute('aria-pressed') === 'true');");

		// End asks first; Escape keeps the call.
		tabTo("end", visited);
		assertThat(visited).as("every stop on the way was on screen")
			.allSatisfy(v -> assertThat(v).endsWith("in view"));
		new Actions(driver).sendKeys(Keys.ENTER).perform();
		assertThat(driver.findElement(By.id("end-dialog")).isDisplayed()).isTrue();
		assertThat(activeId()).as("the safe choice first").isEqualTo("end-cancel");
		assertAccessible("the call, End asks first");
		new Actions(driver).sendKeys(Keys.ESCAPE).perform();
		assertThat(driver.findElement(By.id("end-dialog")).isDisplayed()).isFalse();
		assertThat(activeId()).isEqualTo("end");
		assertThat(script(clientBrowser, "return havenVisit.state;")).isEqualTo("in-call");

		new Actions(driver).sendKeys(Keys.ENTER).perform();
		new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
		assertThat(activeId()).isEqualTo("end-confirm");
		new Actions(driver).sendKeys(Keys.ENTER).perform();

		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			as(browser);
			inPage("await until('the end', () => havenVisit.state === 'ended' && !havenVisit.pc);");
			assertThat(driver.findElement(By.id("call")).isDisplayed()).isFalse();
			assertThat(driver.findElement(By.id("whats-next")).isDisplayed()).isTrue();
			assertThat(heading()).isEqualTo("Session ended");
			assertThat(driver.findElement(By.id("next-session")).getText()).isNotBlank();
			assertThat(driver.findElement(By.id("write-letter")).getDomAttribute("href"))
				.matches("/messages/.+/letters/new");
			assertThat(driver.findElement(By.linkText("Back to home")).isDisplayed()).isTrue();
			assertThat(driver.findElement(By.className("site-header")).isDisplayed()).isTrue();
		}
		as(clientBrowser);
		assertThat(activeId()).isEqualTo("whats-next-heading");
		assertAccessible("the waiting room after the session: What's next");
		screenshot("call-whats-next");
	}

	// ---- helpers
	// ------------------------------------------------------------------------------------------

	/**
	 * A video appointment with another one booked after it, the room open, the client
	 * checked in and admitted, and both sides connected with video.
	 */
	/**
	 * A therapist's risk alerts stay in sight during the call: the banner moves into the
	 * call's top bar, its links open beside the call, and it is back in place after.
	 */
	@Test
	void aTherapistsRiskAlertsStayInSightDuringTheCall() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("risk-call-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("risk-call-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(1)));
		UUID id = practice.book(client, slot, "VIDEO");
		clock.advance(Duration.between(clock.instant(), slot.start().minus(Duration.ofMinutes(10))));
		as(clientBrowser);
		signIn(client);
		VisitRoom.checkIn(page(), id);
		as(therapistBrowser);
		signIn(practice.therapist());
		open("/visits/" + id);
		// The layout's banner, as records renders it for an open alert (raising one takes
		// a
		// whole questionnaire: RecordsBrowserTests walks that).
		((JavascriptExecutor) therapistBrowser).executeScript(
				"""
						const banner = document.createElement('div');
						banner.className = 'risk-banner';
						banner.setAttribute('role', 'region');
						banner.setAttribute('aria-label', 'Client alerts');
						banner.innerHTML = '<div class="wrap"><p class="risk-banner-title"><strong>A client\\'s answers need your attention</strong></p>'
						  + '<ul><li><a href="/records/measures">Open the answers of Casey</a></li></ul></div>';
						document.querySelector('.site-header').after(banner);""");
		call().run(therapistBrowser, UNTIL,
				"return await until('the admit button', () => !document.getElementById('admit').disabled);");
		therapistBrowser.findElement(By.id("admit")).click();
		VisitRoom.assertInTheCall(call(), therapistBrowser);

		WebElement banner = therapistBrowser.findElement(By.cssSelector(".call-top .risk-banner"));
		assertThat(banner.isDisplayed()).isTrue();
		assertThat(banner.getText()).contains("need your attention");
		assertThat(banner.findElement(By.tagName("a")).getDomAttribute("target")).isEqualTo("_blank");
		assertAccessible("the call with a risk alert");

		therapistBrowser.findElement(By.id("end")).click();
		therapistBrowser.findElement(By.id("end-confirm")).click();
		new WebDriverWait(therapistBrowser, Duration.ofSeconds(10))
			.until(d -> !d.findElements(By.cssSelector("body > .risk-banner")).isEmpty());
		assertThat(therapistBrowser.findElement(By.cssSelector("body > .risk-banner a")).getDomAttribute("target"))
			.isNull();
	}

	private void inACall() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("layout-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("layout-client"), true);
		List<FreeSlot> slots = practice.freeSlotsAfter(clock.instant().plus(Duration.ofHours(1)), 2);
		UUID id = practice.book(client, slots.get(0), "VIDEO");
		practice.book(client, slots.get(1), "VIDEO");
		clock.advance(Duration.between(clock.instant(), slots.get(0).start().minus(Duration.ofMinutes(10))));

		as(clientBrowser);
		signIn(client);
		VisitRoom.checkIn(page(), id);
		as(therapistBrowser);
		signIn(practice.therapist());
		VisitRoom.admit(call(), page(), id);
		for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
			as(browser);
			VisitRoom.assertInTheCall(call(), browser);
		}
	}

	/** Both windows set to this size (their page is smaller by the window's frame). */
	private static void resizeBoth(int width, int height) {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			((HasCdp) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
			browser.manage().window().setSize(new Dimension(width, height));
			as(browser);
			inPage("await until('the new size', () => innerWidth <= " + width + " && innerHeight <= " + height + ");");
		}
	}

	/**
	 * Both pages shown as a device of exactly this viewport would show them: a phone
	 * ({@code mobile}) or a desktop window.
	 */
	private static void emulateBoth(int width, int height, boolean mobile) {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
			as(browser);
			inPage("await until('the new size', () => innerWidth === " + width + " && innerHeight === " + height
					+ ");");
		}
	}

	/** Every id of {@link #IN_VIEW} in both pages' viewport, and neither page scrolls. */
	private static void bothFit(String size) {
		for (WebDriver browser : new WebDriver[] { clientBrowser, therapistBrowser }) {
			as(browser);
			Map<String, Object> geometry = geometry(IN_VIEW);
			System.out.printf("Call at %s (%s): viewport %sx%s, scroll height %s px, scroll width %s px, outside: %s%n",
					size, browser == clientBrowser ? "client" : "therapist", geometry.get("innerWidth"),
					geometry.get("innerHeight"), geometry.get("scrollHeight"), geometry.get("scrollWidth"),
					geometry.get("outside"));
			assertFits(geometry);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> geometry(List<String> ids) {
		return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(GEOMETRY, ids);
	}

	private static void assertFits(Map<String, Object> geometry) {
		long innerHeight = ((Number) geometry.get("innerHeight")).longValue();
		long innerWidth = ((Number) geometry.get("innerWidth")).longValue();
		assertThat((List<?>) geometry.get("outside")).as("outside the viewport").isEmpty();
		assertThat(((Number) geometry.get("scrollHeight")).longValue()).as("page height")
			.isLessThanOrEqualTo(innerHeight + 1);
		assertThat(((Number) geometry.get("scrollWidth")).longValue()).as("page width").isLessThanOrEqualTo(innerWidth);
	}

	/** The self view sits in that corner of the stage. */
	private static void assertCorner(String corner) {
		inPage("""
				const stage = document.querySelector('.call-stage').getBoundingClientRect();
				const self = document.getElementById('self-view').getBoundingClientRect();
				const [v, h] = '%s'.split('-');
				const top = self.top - stage.top < stage.bottom - self.bottom;
				const left = self.left - stage.left < stage.right - self.right;
				if (top !== (v === 'top') || left !== (h === 'left')) { throw new Error('not in the corner: ' + JSON.stringify(self)); }
				"""
			.formatted(corner));
	}

	/**
	 * Presses Tab until the element has focus, noting for each stop whether it was on
	 * screen.
	 */
	private static void tabTo(String id, List<String> visited) {
		for (int i = 0; i < 30; i++) {
			String active = activeId();
			if (id.equals(active)) {
				return;
			}
			new Actions(driver).sendKeys(Keys.TAB).perform();
			visited.add(String.valueOf(script(driver,
					"""
							const e = document.activeElement;
							const r = e.getBoundingClientRect();
							const inView = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
							return (e.id || e.tagName) + (inView ? ' in view' : ' hidden ' + JSON.stringify(r));
							""")));
		}
		throw new AssertionError("Tab never reached #" + id + ": " + visited);
	}

	private static String activeId() {
		return (String) script(driver, "return document.activeElement && document.activeElement.id;");
	}

	private static Object script(WebDriver browser, String script) {
		return ((JavascriptExecutor) browser).executeScript(script);
	}

	private static String text(String id) {
		return driver.findElement(By.id(id)).getText();
	}

	private static Object inPage(String body) {
		return runInPage(UNTIL, body);
	}

}

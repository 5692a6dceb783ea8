package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.haven.browser.support.BrowserTest;
import org.haven.directory.TestProfiles;
import org.haven.directory.TestProfiles.Listing;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The booking page as a client in care with a signed consent uses it: a week of times
 * that fits a phone without sideways scrolling, one choice of how to meet, one tab stop
 * per time, the device's own time zone one click away, and a booking made with the
 * keyboard alone whose confirmation takes the focus.
 */
@Tag("browser")
class BookingBrowserTests extends BrowserTest {

	/**
	 * The elements a Tab key stops at, in document order, each with its accessible name
	 * (aria-label, else its text): links, buttons, fields, summaries, and of a radio
	 * group only the checked radio (arrow keys move within the group).
	 */
	private static final String TAB_STOPS = """
			const candidates = document.querySelectorAll(
			  'a[href], button, input, select, textarea, summary, [tabindex]');
			const stops = [];
			for (const el of candidates) {
			  if (el.disabled || el.type === 'hidden' || el.tabIndex < 0) continue;
			  if (el.closest('[hidden], details:not([open]) > :not(summary)')) continue;
			  const box = el.getBoundingClientRect();
			  const style = getComputedStyle(el);
			  if (style.visibility === 'hidden' || style.display === 'none') continue;
			  if (box.width === 0 && box.height === 0 && !el.matches('.skip-link')) continue;
			  if (el.type === 'radio' && !el.checked
			      && document.querySelector(`input[type=radio][name="${el.name}"]:checked`)) continue;
			  stops.push((el.getAttribute('aria-label') || el.textContent || el.value || '').trim());
			}
			return stops;
			""";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccount therapist;

	TestAccount client;

	TestPractice practice;

	@BeforeEach
	void aClientInCareWithConsent() {
		therapist = accounts().therapist(uniqueEmail("booking-therapist"));
		TestProfiles.in(context)
			.publish(therapist.id(), new Listing("Dr. Week", "GB-ENG", "HCPC", "PYL-1", "Europe/London",
					List.of("VIDEO", "AUDIO"), List.of()), "£60 per 50-minute session", null);
		practice = TestPractice.of(context, therapist, "GB-ENG").everyDay("09:00", "17:00").settings(50, 10, 24, 28);
		practice.care().publishConsentUnlessPublished("Emergency plan: call 999.");
		client = practice.clientInCare(uniqueEmail("booking-client"), true);
	}

	@AfterEach
	void desktopAndOwnZoneAgain() {
		driver.manage().window().setSize(new Dimension(1280, 1000));
		((HasCdp) driver).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
	}

	@Test
	void theWeekFitsADeskAndAPhoneWithOneChoiceOfHowToMeetAndOneStopPerTime() {
		signIn(client);
		for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
			String name = size.getWidth() + "x" + size.getHeight();
			viewport(size);
			open("/therapists/" + therapist.id() + "/times");
			screenshot("booking-" + name);
			wholePage("booking-" + name + "-whole");

			assertThat(mainText()).contains("Fee: £60 per 50-minute session")
				.contains("Cancelling less than 24 hours before counts as late")
				.contains("Times shown in Europe/London");
			assertThat(driver.findElements(By.cssSelector("main fieldset"))).as("one modality control").hasSize(1);
			assertThat(driver.findElements(By.cssSelector("main select"))).isEmpty();
			assertThat(driver.findElements(By.cssSelector("main input[name=modality]")))
				.allMatch(radio -> "radio".equals(radio.getDomAttribute("type")))
				.hasSize(2);
			assertThat(driver.findElement(By.cssSelector("main fieldset legend")).getText())
				.isEqualTo("How would you like to meet?");
			assertThat(driver.findElement(By.cssSelector("main fieldset")).getText()).contains("Video call")
				.contains("Audio call")
				.doesNotContain("VIDEO");

			List<WebElement> times = driver.findElements(By.cssSelector("main .times button[name=start]"));
			assertThat(times).isNotEmpty();
			List<String> stops = tabStops();
			for (WebElement time : times) {
				String label = time.getDomAttribute("aria-label");
				assertThat(label).startsWith("Book ").contains(time.getText());
				assertThat(stops.stream().filter(s -> s.contains(label))).as("tab stops for " + label).hasSize(1);
			}
			assertThat((double) formStops() / times.size()).as("tab stops in the form per time").isLessThanOrEqualTo(2);

			long scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
			long innerWidth = ((Number) script("return window.innerWidth")).longValue();
			assertThat(scrollWidth).as("no sideways scrolling at " + name).isLessThanOrEqualTo(innerWidth);
			assertAccessible("/therapists/{id}/times at " + name);

			System.out.printf(
					"Booking page at %s (viewport %dx%s): height %s px, %d tab stops, %s DOM elements (%s of them the"
							+ " time zone suggestions), %d free times this week%n",
					name, innerWidth, script("return window.innerHeight"),
					script("return document.documentElement.scrollHeight"), stops.size(),
					script("return document.querySelectorAll('*').length"),
					script("return document.querySelectorAll('#zones option').length"), times.size());
		}
	}

	@Test
	void aClientBooksWithTheKeyboardAloneAndTheConfirmationTakesTheFocus() {
		signIn(client);
		viewport(new Dimension(1280, 800));
		open("/therapists/" + therapist.id() + "/times");
		WebElement target = driver.findElements(By.cssSelector("main .times button[name=start]")).get(2);
		String label = target.getDomAttribute("aria-label");
		String start = target.getDomAttribute("value");

		tabUntil("the first way to meet", el -> "modality".equals(el.getDomAttribute("name")));
		assertThat(active().getDomAttribute("value")).isEqualTo("VIDEO");
		keys(Keys.ARROW_DOWN);
		assertThat(active().getDomAttribute("value")).isEqualTo("AUDIO");
		assertThat(active().isSelected()).isTrue();
		int presses = tabUntil(label, el -> label.equals(el.getDomAttribute("aria-label")));
		assertThat(presses).as("Tab presses from the way to meet to the third time").isLessThanOrEqualTo(6);
		keys(Keys.ENTER);
		awaitPath("/appointments/confirm");
		assertThat(mainText()).contains("Confirm your session")
			.contains("Audio call")
			.contains("£60 per 50-minute session")
			.contains("24 hours")
			.contains(label.substring("Book ".length(), label.indexOf(',')));
		assertAccessible("/appointments/confirm");
		screenshot("booking-confirm");

		tabUntil("Confirm booking", el -> "Confirm booking".equals(el.getText()));
		keys(Keys.SPACE);
		awaitPath("/appointments?booked");
		await("the confirmation to take the focus")
			.until(d -> "true".equals(String.valueOf(script("return document.activeElement.matches('.notice')"))));
		assertThat(active().getText()).contains("The session is booked").contains("(audio)");
		assertAccessible("/appointments?booked");
		screenshot("booking-booked");
		assertThat(jdbc
			.sql("select modality from appointment where client_id = :c and therapist_id = :t and status = 'BOOKED'"
					+ " and starts_at = cast(:start as timestamp with time zone)")
			.param("c", client.id())
			.param("t", therapist.id())
			.param("start", start)
			.query(String.class)
			.list()).containsExactly("AUDIO");
	}

	@Test
	void theDevicesTimeZoneIsOneClickAwayAndAnUnknownZoneIsExplained() {
		signIn(client);
		((HasCdp) driver).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/Chicago"));
		open("/therapists/" + therapist.id() + "/times");
		WebElement offer = await("the offer of the device's zone")
			.until(d -> d.findElement(By.cssSelector("#zone-offer a")));
		assertThat(offer.getText()).isEqualTo("Show times in America/Chicago, your device’s time zone");
		offer.click();
		await("the times in Chicago").until(d -> path().contains("zone=America/Chicago"));
		assertThat(path()).doesNotContain("%2F");
		assertThat(mainText()).contains("Times shown in America/Chicago");
		assertThat(driver.findElements(By.id("zone-offer"))).as("nothing more to offer").isEmpty();

		driver.findElement(By.cssSelector(".zone-change summary")).click();
		fill("zone", "Mars/Olympus");
		press("Show");
		assertThat(errorAt("zone")).contains("\"Mars/Olympus\" is not a time zone region");
		assertThat(script("return document.activeElement.matches('.error-summary')")).isEqualTo(true);
		assertThat(driver.findElements(By.cssSelector("main .times button[name=start]"))).as("still usable")
			.isNotEmpty();
		assertAccessible("/therapists/{id}/times with an unknown zone");
	}

	@Test
	void aSessionMovesOnTheSameWeekWithOneStopPerTimeAndTheKeyboardAlone() {
		FreeSlot from = practice.freeSlots().get(0);
		UUID id = practice.book(client, from, "VIDEO");
		signIn(client);
		for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
			String name = size.getWidth() + "x" + size.getHeight();
			viewport(size);
			open("/appointments/" + id + "/reschedule");
			screenshot("reschedule-" + name);
			wholePage("reschedule-" + name + "-whole");

			assertThat(mainText()).contains("Now:").contains("Times shown in Europe/London").contains("Week of ");
			assertThat(driver.findElements(By.cssSelector("main form[method=post]"))).as("one form").hasSize(1);
			assertThat(driver.findElement(By.cssSelector("main .times .times-now")).getText())
				.as("the session, in its day")
				.startsWith(from.startIn(ZoneId.of("Europe/London")).toLocalTime().toString())
				.endsWith("now");
			List<WebElement> times = driver.findElements(By.cssSelector("main .times button[name=start]"));
			assertThat(times).isNotEmpty()
				.noneMatch(time -> from.start().toString().equals(time.getDomAttribute("value")));
			List<String> stops = tabStops();
			for (WebElement time : times) {
				String label = time.getDomAttribute("aria-label");
				assertThat(label).startsWith("Move to ").contains(time.getText());
				assertThat(stops.stream().filter(s -> s.contains(label))).as("tab stops for " + label).hasSize(1);
			}
			assertThat((double) formStops() / times.size()).as("tab stops in the form per time").isLessThanOrEqualTo(2);
			assertThat(stops).contains("Keep the current time");

			long scrollWidth = ((Number) script("return document.documentElement.scrollWidth")).longValue();
			long innerWidth = ((Number) script("return window.innerWidth")).longValue();
			assertThat(scrollWidth).as("no sideways scrolling at " + name).isLessThanOrEqualTo(innerWidth);
			assertAccessible("/appointments/{id}/reschedule at " + name);
			System.out.printf("Reschedule page at %s: height %s px, %d tab stops, %d free times this week%n", name,
					script("return document.documentElement.scrollHeight"), stops.size(), times.size());
		}

		viewport(new Dimension(1280, 800));
		open("/appointments/" + id + "/reschedule");
		WebElement target = driver.findElements(By.cssSelector("main .times button[name=start]")).get(1);
		String label = target.getDomAttribute("aria-label");
		String start = target.getDomAttribute("value");
		tabUntil(label, el -> label.equals(el.getDomAttribute("aria-label")));
		keys(Keys.ENTER);
		awaitPath("/appointments/" + id + "?moved");
		assertThat(mainText()).contains("The session has moved");
		assertThat(
				jdbc.sql("select starts_at = cast(:start as timestamp with time zone) from appointment where id = :id")
					.param("start", start)
					.param("id", id)
					.query(Boolean.class)
					.single())
			.as("moved to " + label)
			.isTrue();
	}

	/**
	 * A viewport of exactly this size: the window is made larger by what the browser
	 * keeps for itself.
	 */
	@Test
	void theWayToMeetChosenGoesAlongToTheNextWeek() {
		signIn(client);
		open("/therapists/" + therapist.id() + "/times");
		driver.findElement(By.cssSelector("main input[name=modality][value=AUDIO]")).click();
		WebElement next = driver.findElement(By.cssSelector(".week-nav a[rel=next]"));
		assertThat(next.getDomAttribute("href")).contains("modality=AUDIO");
		next.click();
		await("the next week").until(d -> path().contains("week="));
		assertThat(driver.findElement(By.cssSelector("main input[name=modality][value=AUDIO]")).isSelected())
			.as("Audio still chosen in the next week")
			.isTrue();
	}

	private void viewport(Dimension size) {
		driver.manage().window().setSize(size);
		long chromeHeight = ((Number) script("return window.outerHeight - window.innerHeight")).longValue();
		driver.manage().window().setSize(new Dimension(size.getWidth(), size.getHeight() + (int) chromeHeight));
		assertThat(script("return window.innerWidth + 'x' + window.innerHeight"))
			.isEqualTo(size.getWidth() + "x" + size.getHeight());
	}

	/** The whole page, not only what the viewport shows, for a person to look at. */
	private void wholePage(String name) {
		HasCdp cdp = (HasCdp) driver;
		Map<String, Object> metrics = cdp.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		@SuppressWarnings("unchecked")
		Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
		Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", content.get("width"), "height",
				content.get("height"), "scale", 1);
		Map<String, Object> shot = cdp.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
		try {
			Path target = Path.of("target", "screenshots", "haven-" + name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<String> tabStops() {
		@SuppressWarnings("unchecked")
		List<String> stops = (List<String>) script(TAB_STOPS);
		return stops;
	}

	private long formStops() {
		return ((Number) script("const form = document.querySelector('main .booking-form');"
				+ TAB_STOPS.replace("document.querySelectorAll(", "form.querySelectorAll(")
					.replace("return stops;", "return stops.length;")))
			.longValue();
	}

	private WebElement active() {
		return driver.switchTo().activeElement();
	}

	private void keys(CharSequence key) {
		new Actions(driver).sendKeys(key).perform();
	}

	/**
	 * Presses Tab until the focused element matches; returns how many presses it took.
	 */
	private int tabUntil(String what, Predicate<WebElement> focused) {
		for (int presses = 1; presses <= 80; presses++) {
			keys(Keys.TAB);
			if (focused.test(active())) {
				return presses;
			}
		}
		throw new AssertionError("Tab never reached " + what);
	}

	private Object script(String script) {
		return ((JavascriptExecutor) driver).executeScript(script);
	}

}

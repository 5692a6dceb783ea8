package org.haven.browser.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/**
 * Browser tests with two people: the base class's Chromium is the therapist's, a second one the client's.
 * The helpers of {@link BrowserTest} act on whichever browser {@code driver} points to; {@link #as} switches.
 */
public abstract class TwoBrowserTest extends BrowserTest {

	protected static WebDriver therapistBrowser;
	protected static WebDriver clientBrowser;

	@BeforeAll
	static void secondBrowser() {
		therapistBrowser = driver;
		clientBrowser = Browsers.chromium();
		// Waiting for a call to connect runs inside the page, in one async script.
		therapistBrowser.manage().timeouts().scriptTimeout(Duration.ofSeconds(40));
		clientBrowser.manage().timeouts().scriptTimeout(Duration.ofSeconds(40));
	}

	@AfterAll
	static void quitSecondBrowser() {
		driver = therapistBrowser;
		if (clientBrowser != null) {
			clientBrowser.quit();
			clientBrowser = null;
		}
	}

	protected static void as(WebDriver browser) {
		driver = browser;
	}
}

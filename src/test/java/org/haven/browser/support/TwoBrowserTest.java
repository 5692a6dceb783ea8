package org.haven.browser.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

/**
 * Browser tests with two people: the base class's Chromium is the therapist's, a second
 * one the client's. The helpers of {@link BrowserTest} act on whichever browser
 * {@code driver} points to; {@link #as} switches.
 */
public abstract class TwoBrowserTest extends BrowserTest {

	protected static WebDriver therapistBrowser;

	protected static WebDriver clientBrowser;

	@BeforeAll
	static void secondBrowser() {
		therapistBrowser = driver;
		clientBrowser = Browsers.chromium();
		CallBrowsers.of(therapistBrowser, clientBrowser);
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

	/** Both browsers, as the two sides of a call. */
	protected static CallBrowsers call() {
		return new CallBrowsers(therapistBrowser, clientBrowser);
	}

	/**
	 * Runs an async function body in the current browser's page after {@code prelude}
	 * (helper functions); its result, or a failure with both browsers' console logs.
	 */
	protected static Object runInPage(String prelude, String body) {
		return call().run(driver, prelude, body);
	}

}

package org.haven.browser.support;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.JavascriptExecutor;
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
		// Waiting for a call to connect runs inside the page, in one async script.
		therapistBrowser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		clientBrowser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
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

	/**
	 * Runs an async function body in the current browser's page after {@code prelude}
	 * (helper functions); its result, or a failure with both browsers' console logs.
	 */
	protected static Object runInPage(String prelude, String body) {
		Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				%s
				(async () => { %s })().then((value) => done({ value: value === undefined ? null : value }),
				    (error) => done({ error: String(error && error.stack || error) }));
				""".formatted(prelude, body));
		@SuppressWarnings("unchecked")
		Map<String, Object> outcome = (Map<String, Object>) result;
		if (outcome.get("error") != null) {
			StringBuilder logs = new StringBuilder();
			for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
				try {
					browser.manage()
						.logs()
						.get("browser")
						.forEach(e -> logs.append("\n  ")
							.append(browser == clientBrowser ? "client: " : "therapist: ")
							.append(e.getMessage()));
				}
				catch (RuntimeException ex) {
					logs.append("\n  no logs: ").append(ex.getMessage());
				}
			}
			for (WebDriver browser : new WebDriver[] { therapistBrowser, clientBrowser }) {
				try {
					Object trace = ((JavascriptExecutor) browser).executeScript(
							"return window.havenVisit && havenVisit.trace ? havenVisit.trace.join('\\n    ') : null;");
					if (trace != null) {
						logs.append("\n  ")
							.append(browser == clientBrowser ? "client" : "therapist")
							.append("'s call:\n    ")
							.append(trace);
					}
				}
				catch (RuntimeException ex) {
					logs.append("\n  no call trace: ").append(ex.getMessage());
				}
			}
			throw new AssertionError("In the page at " + driver.getCurrentUrl() + ": " + outcome.get("error") + logs);
		}
		return outcome.get("value");
	}

}

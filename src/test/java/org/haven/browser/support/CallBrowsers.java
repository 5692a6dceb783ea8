package org.haven.browser.support;

import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The two browsers of a call, the therapist's and the client's: runs scripts in either
 * page, and when one fails, tells what both browsers logged and what both calls did.
 */
public record CallBrowsers(WebDriver therapist, WebDriver client) {

	/** Waiting for a call to connect runs inside the page, in one async script. */
	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

	/** Two new Chromiums; the caller must {@link #quit} them. */
	public static CallBrowsers start() {
		return of(Browsers.chromium(), Browsers.chromium());
	}

	/** These two browsers, made patient enough for a call to connect in one script. */
	public static CallBrowsers of(WebDriver therapist, WebDriver client) {
		therapist.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
		client.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
		return new CallBrowsers(therapist, client);
	}

	public void quit() {
		try {
			therapist.quit();
		}
		finally {
			client.quit();
		}
	}

	/**
	 * Runs an async function body in {@code browser}'s page after {@code prelude} (helper
	 * functions); its result, or a failure with both browsers' console logs and call
	 * traces.
	 */
	public Object run(WebDriver browser, String prelude, String body) {
		Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				%s
				(async () => { %s })().then((value) => done({ value: value === undefined ? null : value }),
				    (error) => done({ error: String(error && error.stack || error) }));
				""".formatted(prelude, body));
		@SuppressWarnings("unchecked")
		Map<String, Object> outcome = (Map<String, Object>) result;
		if (outcome.get("error") != null) {
			throw new AssertionError(
					"In the page at " + browser.getCurrentUrl() + ": " + outcome.get("error") + logsAndTraces());
		}
		return outcome.get("value");
	}

	private String logsAndTraces() {
		StringBuilder logs = new StringBuilder();
		for (WebDriver browser : new WebDriver[] { therapist, client }) {
			try {
				browser.manage()
					.logs()
					.get("browser")
					.forEach(e -> logs.append("\n  ").append(whose(browser)).append(": ").append(e.getMessage()));
			}
			catch (RuntimeException ex) {
				logs.append("\n  no logs: ").append(ex.getMessage());
			}
		}
		for (WebDriver browser : new WebDriver[] { therapist, client }) {
			try {
				Object trace = ((JavascriptExecutor) browser).executeScript(
						"return window.havenVisit && havenVisit.trace ? havenVisit.trace.join('\\n    ') : null;");
				if (trace != null) {
					logs.append("\n  ").append(whose(browser)).append("'s call:\n    ").append(trace);
				}
			}
			catch (RuntimeException ex) {
				logs.append("\n  no call trace: ").append(ex.getMessage());
			}
		}
		return logs.toString();
	}

	private String whose(WebDriver browser) {
		return browser == client ? "client" : "therapist";
	}

}

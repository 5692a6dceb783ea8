package org.haven.browser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.MarkupCheck;
import org.haven.support.ServedDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * Base of the browser tests: the whole application (the one Spring context of every
 * integration test) and one headless Chromium per test class, driven the way a person
 * uses Haven: open a page, type, press a button. Every test starts signed out, and fails
 * if a page it reached (however: opened, followed, submitted, redirected to) was served
 * with invalid HTML.
 */
@Tag("browser")
public abstract class BrowserTest extends IntegrationTest {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	protected static WebDriver driver;

	@Autowired
	private ApplicationContext context;

	@BeforeAll
	static void startBrowser() {
		driver = Browsers.chromium();
	}

	@AfterAll
	static void quitBrowser() {
		System.out.println(MarkupCheck.summary());
		try {
			if (driver != null) {
				driver.quit();
			}
		}
		finally {
			driver = null;
		}
	}

	/**
	 * Clears every cookie (so the session too), whatever page is open: each test starts
	 * as a stranger.
	 */
	@BeforeEach
	protected void signedOut() {
		((HasCdp) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	/**
	 * Every document the browsers loaded during the test, as served, checked by the Nu
	 * Html Checker.
	 */
	@AfterEach
	void servedPagesAreValidHtml() {
		MarkupCheck.assertNone(MarkupCheck.errorsIn(ServedDocuments.drain()));
	}

	protected TestAccounts accounts() {
		return TestAccounts.in(context);
	}

	/** The current browser at this test's application. */
	protected Page page() {
		return Page.at(driver, port);
	}

	protected void open(String path) {
		page().open(path);
	}

	/** The path and query of the page shown, e.g. {@code /login?verified}. */
	protected String path() {
		return page().path();
	}

	protected void awaitPath(String expected) {
		page().awaitPath(expected);
	}

	protected void fill(String fieldId, String value) {
		page().fill(fieldId, value);
	}

	/**
	 * Presses a button of the page's main content and waits for the page the form leads
	 * to.
	 */
	protected void press(String label) {
		page().press(label);
	}

	protected String heading() {
		List<WebElement> headings = driver.findElements(By.tagName("h1"));
		if (headings.size() != 1) {
			throw new AssertionError("Expected one h1 at " + driver.getCurrentUrl() + " but the page is: "
					+ driver.findElement(By.tagName("body")).getText());
		}
		return headings.get(0).getText();
	}

	protected String mainText() {
		return driver.findElement(By.tagName("main")).getText();
	}

	/**
	 * The message shown at a field (the error summary repeats it as a link to the field).
	 */
	protected String errorAt(String fieldId) {
		return driver.findElement(By.id(fieldId + "-error")).getText();
	}

	/**
	 * Password step only: the account ends up at the second factor, its enrolment or
	 * home.
	 */
	protected void enterPassword(TestAccount account) {
		page().enterPassword(account);
	}

	/**
	 * Signs in all the way, with the current TOTP code where the account has a second
	 * factor.
	 */
	protected void signIn(TestAccount account) {
		page().signIn(account);
	}

	/**
	 * The code an authenticator app would show now for a secret, by the application's
	 * clock.
	 */
	protected String totpCode(String secret) {
		try {
			return new DefaultCodeGenerator().generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
		}
		catch (CodeGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected void assertAccessible(String pageName) {
		Accessibility.assertNoSeriousViolations(driver, pageName);
	}

	/** Saves what the browser shows under target/screenshots, for a person to look at. */
	protected Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve("haven-" + name + ".png");
			Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), target,
					StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	protected WebDriverWait await(String what) {
		return page().await(what);
	}

}

package org.haven.browser.support;

import java.net.URI;
import java.time.Duration;

import org.haven.identity.TestAccounts.TestAccount;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser showing one Haven server (a node of a cluster, or the only one), driven the
 * way a person uses it: open a page, type, press a button, sign in.
 */
public record Page(WebDriver browser, String baseUrl) {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	/** {@code browser} showing the Haven that listens on {@code port} of this machine. */
	public static Page at(WebDriver browser, int port) {
		return new Page(browser, "http://localhost:" + port);
	}

	public void open(String path) {
		browser.get(baseUrl + path);
	}

	/** The path and query of the page shown, e.g. {@code /login?verified}. */
	public String path() {
		URI uri = URI.create(browser.getCurrentUrl());
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	public void awaitPath(String expected) {
		await("the page " + expected).until(d -> path().equals(expected));
	}

	public void fill(String fieldId, String value) {
		WebElement field = browser.findElement(By.id(fieldId));
		field.clear();
		field.sendKeys(value);
	}

	/**
	 * Presses a button of the page's main content and waits for the page the form leads
	 * to.
	 */
	public void press(String label) {
		WebElement page = browser.findElement(By.tagName("html"));
		browser.findElement(By.xpath("//main//button[normalize-space()='" + label + "']")).click();
		await("the page after pressing '" + label + "'").until(d -> gone(page));
		await("the page to finish loading")
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	/**
	 * Password step only: the account ends up at the second factor, its enrolment or
	 * home.
	 */
	public void enterPassword(TestAccount account) {
		open("/login");
		fill("email", account.email());
		fill("password", account.password());
		press("Sign in");
	}

	/**
	 * Signs in all the way, with the current TOTP code where the account has a second
	 * factor (a code is accepted once: the same therapist signs in again only 30 s of the
	 * server's clock later).
	 */
	public void signIn(TestAccount account) {
		enterPassword(account);
		if (account.totpSecret() != null) {
			awaitPath("/login/2fa");
			fill("code", account.code());
			press("Verify");
		}
		awaitPath("/home");
	}

	public WebDriverWait await(String what) {
		WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
		wait.withMessage(() -> "Waited for " + what + "; the browser shows " + browser.getCurrentUrl());
		return wait;
	}

	/**
	 * Whether the old page's root element is gone. While the next page replaces it,
	 * Chromium may report the node as detached with a generic inspector error rather than
	 * as stale; both mean the same here.
	 */
	private static boolean gone(WebElement oldRoot) {
		try {
			oldRoot.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			return ex.getMessage() != null && ex.getMessage().contains("does not belong to the document");
		}
	}

}

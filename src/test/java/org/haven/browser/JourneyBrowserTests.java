package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.TestMail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The ways into Haven, in a real browser: registering as a client, signing in with a
 * second factor.
 */
@Tag("browser")
class JourneyBrowserTests extends BrowserTest {

	private static final String PASSWORD = TestAccounts.PASSWORD;

	@Test
	void newClientRegistersConfirmsTheEmailAndSignsIn() {
		String email = uniqueEmail("newclient");
		open("/register");
		fill("displayName", "Sam Rivera");
		fill("email", email);
		fill("password", PASSWORD);
		fill("confirmation", PASSWORD);
		press("Create account");
		awaitPath("/register/sent");
		assertThat(heading()).isEqualTo("Check your email");

		String link = TestMail.link(TestMail.awaitMail(email, 1), "/verify-email");
		open(link);
		assertThat(heading()).isEqualTo("Confirm your email address");
		press("Confirm my email address");
		awaitPath("/login?verified");
		assertThat(mainText()).contains("Your email address is confirmed");
		screenshot("login");

		fill("email", email);
		fill("password", PASSWORD);
		press("Sign in");
		awaitPath("/home");
		assertThat(heading()).isEqualTo("Welcome, Sam Rivera");
		assertThat(mainText()).contains("Your care");
		screenshot("home");
	}

	@Test
	void therapistSignsInWithPasswordAndTheCodeFromTheAuthenticatorApp() {
		TestAccount therapist = accounts().therapist(uniqueEmail("therapist"));
		enterPassword(therapist);
		awaitPath("/login/2fa");
		assertThat(heading()).isEqualTo("Two-step verification");

		fill("code", therapist.code());
		press("Verify");
		awaitPath("/home");
		assertThat(mainText()).contains("Your practice");
	}

	@Test
	void signedInPagesCarryTheIdleWarningHiddenUntilItIsNeeded() {
		signIn(accounts().client(uniqueEmail("idle")));
		WebElement warning = driver.findElement(By.id("idle-warning"));
		assertThat(warning.getDomProperty("hidden")).isEqualTo("true");
		assertThat(warning.isDisplayed()).isFalse();
		assertThat(warning.getDomAttribute("role")).isEqualTo("alertdialog");
		assertThat(driver.findElement(By.id("idle-stay")).getDomProperty("type")).isEqualTo("button");
		// The page script arms the warning from this attribute: 15 minutes.
		assertThat(driver.findElement(By.tagName("body")).getDomAttribute("data-idle-seconds"))
			.as("15 minutes, less the 30 s the server's last-seen time may lag and 5 s for the page's way")
			.isEqualTo("865");

		// What it will look like, without waiting 14 minutes for it.
		((JavascriptExecutor) driver).executeScript("document.getElementById('idle-warning').hidden = false");
		assertThat(warning.isDisplayed()).isTrue();
		assertAccessible("idle-timeout warning, shown");
	}

	@Test
	void aScriptTypedAsANameIsRefusedAndShownAsPlainText() {
		String hostile = "<script>alert(1)</script>";
		open("/register");
		fill("displayName", hostile);
		fill("email", uniqueEmail("hostile"));
		fill("password", PASSWORD);
		fill("confirmation", PASSWORD);
		press("Create account");

		assertThat(heading()).isEqualTo("Create an account");
		assertThat(errorAt("displayName")).contains("A name cannot contain < or >.");
		assertThat(driver.findElement(By.id("displayName")).getDomProperty("value")).isEqualTo(hostile);
		assertNothingRan();
		screenshot("register-hostile-name");
		// The page script moved focus to the error summary, so the module ran under the
		// CSP.
		assertThat(driver.switchTo().activeElement().getDomAttribute("class")).isEqualTo("error-summary");
	}

	@Test
	void aNameThatTriesToBreakOutOfAnAttributeStaysInsideIt() {
		String hostile = "Robin\" autofocus onfocus=\"window.pwned=1";
		signIn(accounts().client(uniqueEmail("quotes")));
		open("/account");
		fill("displayName", hostile);
		press("Save name");
		awaitPath("/account?nameChanged");

		WebElement field = driver.findElement(By.id("displayName"));
		assertThat(field.getDomProperty("value")).isEqualTo(hostile);
		assertThat(field.getDomAttribute("onfocus")).isNull();
		assertThat(field.getDomAttribute("autofocus")).isNull();
		open("/home");
		assertThat(heading()).isEqualTo("Welcome, " + hostile);
		assertNothingRan();
	}

	/**
	 * No alert is open, no inline script is in the page, and no injected handler set its
	 * flag.
	 */
	private void assertNothingRan() {
		assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		JavascriptExecutor js = (JavascriptExecutor) driver;
		assertThat(js.executeScript("return document.querySelectorAll('script:not([src])').length")).isEqualTo(0L);
		assertThat(js.executeScript("return typeof window.pwned")).isEqualTo("undefined");
	}

}

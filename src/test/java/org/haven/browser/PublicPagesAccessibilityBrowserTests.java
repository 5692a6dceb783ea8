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

/**
 * axe-core (WCAG 2.2 A and AA) on every page a person sees before signing in, in each
 * state it can be in: empty, with validation errors, with a working link and with a dead
 * one.
 */
@Tag("browser")
class PublicPagesAccessibilityBrowserTests extends BrowserTest {

	private static final String PASSWORD = TestAccounts.PASSWORD;

	@Test
	void startAndSignInPages() {
		open("/");
		assertThat(heading()).isEqualTo("Therapy that meets you where you are");
		assertAccessible("/ (start page)");

		open("/login");
		assertThat(heading()).isEqualTo("Sign in");
		assertAccessible("/login");

		fill("email", uniqueEmail("nobody"));
		fill("password", "not the password at all");
		press("Sign in");
		awaitPath("/login?error");
		assertThat(mainText()).contains("Sign-in failed");
		assertAccessible("/login?error");
	}

	@Test
	void registrationPages() {
		open("/register");
		assertAccessible("/register");

		press("Create account");
		assertThat(errorAt("email")).contains("Enter your email address.");
		assertAccessible("/register with a validation error");

		String email = uniqueEmail("a11y-register");
		fill("displayName", "Alex Morgan");
		fill("email", email);
		fill("password", PASSWORD);
		fill("confirmation", PASSWORD);
		press("Create account");
		awaitPath("/register/sent");
		assertAccessible("/register/sent");

		open("/register/resend");
		assertThat(heading()).isEqualTo("Send the confirmation link again");
		assertAccessible("/register/resend");

		open(TestMail.link(TestMail.awaitMail(email, 1), "/verify-email"));
		assertThat(driver.findElements(By.xpath("//button[normalize-space()='Confirm my email address']"))).hasSize(1);
		assertAccessible("/verify-email with a valid link");

		open("/verify-email?token=no-such-token");
		assertThat(mainText()).contains("This link no longer works");
		assertAccessible("/verify-email with a dead link");
	}

	@Test
	void passwordResetPages() {
		TestAccount client = accounts().client(uniqueEmail("a11y-reset"));
		open("/password-reset");
		assertThat(heading()).isEqualTo("Reset your password");
		assertAccessible("/password-reset");

		fill("email", client.email());
		press("Send reset link");
		awaitPath("/password-reset/sent");
		assertAccessible("/password-reset/sent");

		open(TestMail.link(TestMail.awaitMail(client.email(), 1), "/password-reset/confirm"));
		assertThat(heading()).isEqualTo("Choose a new password");
		assertThat(driver.findElements(By.id("password"))).hasSize(1);
		assertAccessible("/password-reset/confirm with a valid link");

		fill("password", "short");
		fill("confirmation", "short");
		press("Change password");
		assertThat(errorAt("password")).contains("Use at least 12 characters");
		assertAccessible("/password-reset/confirm with a validation error");

		open("/password-reset/confirm?token=no-such-token");
		assertThat(mainText()).contains("This link no longer works");
		assertAccessible("/password-reset/confirm with a dead link");
	}

	@Test
	void deadInvitationLink() {
		open("/invitation?token=no-such-token");
		assertThat(mainText()).contains("This invitation no longer works");
		assertAccessible("/invitation with a dead link");
	}

	/**
	 * Guards the guard: a page that passes must pass because axe ran, not because nothing
	 * was checked.
	 */
	@Test
	void theCheckerFailsAPageWithAnUnlabelledField() {
		open("/login");
		((JavascriptExecutor) driver).executeScript("document.querySelector('label[for=email]').remove()");
		assertThatThrownBy(() -> assertAccessible("/login without the label of its email field"))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("- label [critical]")
			.hasMessageContaining("#email");
	}

}

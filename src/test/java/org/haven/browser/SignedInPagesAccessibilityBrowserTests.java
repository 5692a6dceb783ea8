package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.haven.browser.support.BrowserTest;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.TestMail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * axe-core (WCAG 2.2 A and AA) on every page behind the sign-in, as a client, a therapist
 * and an administrator see them, including error states, two-step enrolment, the calendar
 * link and the error page.
 */
@Tag("browser")
class SignedInPagesAccessibilityBrowserTests extends BrowserTest {

	@Test
	void therapistSecondFactorAndHome() {
		TestAccount therapist = accounts().therapist(uniqueEmail("a11y-therapist"));
		enterPassword(therapist);
		awaitPath("/login/2fa");
		assertAccessible("/login/2fa");

		fill("code", wrongCode(therapist));
		press("Verify");
		assertThat(errorAt("code")).contains("That code did not work");
		assertAccessible("/login/2fa with a wrong code");

		fill("code", therapist.code());
		press("Verify");
		awaitPath("/home");
		assertThat(mainText()).contains("Your practice");
		assertAccessible("/home (therapist)");
	}

	@Test
	void clientHomeAccountTwoStepEnrolmentAndErrorPage() {
		signIn(accounts().client(uniqueEmail("a11y-client")));
		assertThat(mainText()).contains("Your care");
		assertAccessible("/home (client)");

		open("/account");
		assertThat(heading()).isEqualTo("Your account");
		assertAccessible("/account");

		fill("displayName", " ");
		press("Save name");
		assertThat(errorAt("displayName")).contains("Enter the name you want to be called.");
		assertAccessible("/account with a validation error");

		open("/account/2fa/setup");
		String secret = driver.findElement(By.cssSelector("code.secret")).getText();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertAccessible("/account/2fa/setup");

		fill("code", totpCode(secret));
		press("Turn on two-step verification");
		assertThat(heading()).isEqualTo("Your recovery codes");
		assertThat(driver.findElements(By.cssSelector("ul.codes li"))).hasSize(10);
		assertAccessible("recovery codes");

		open("/no-such-page");
		assertThat(heading()).isEqualTo("Page not found");
		assertThat(driver.findElement(By.cssSelector("header nav")).getText()).as("the signed-in navigation")
			.contains("Account", "Sign out");
		assertAccessible("error page (404)");
	}

	@Test
	void calendarLinkBeforeAndAfterMakingIt() {
		signIn(accounts().client(uniqueEmail("a11y-calendar")));
		open("/appointments");
		driver.findElement(By.linkText("set up your calendar link")).click();
		awaitPath("/calendar-feed");
		assertThat(heading()).isEqualTo("Your calendar link");
		assertAccessible("/calendar-feed without a link");

		press("Create my calendar link");
		awaitPath("/calendar-feed");
		assertThat(driver.findElement(By.id("feedLink")).getDomProperty("value"))
			.matches("http://localhost/calendar/[A-Za-z0-9_-]{43}\\.ics");
		assertAccessible("/calendar-feed with a new link");

		press("Turn the link off");
		awaitPath("/calendar-feed?turnedOff");
		assertThat(mainText()).contains("Your calendar link is off", "Create my calendar link");
		assertAccessible("/calendar-feed after turning the link off");
	}

	@Test
	void adminPagesAndAnInvitation() {
		signIn(accounts().admin(uniqueEmail("a11y-admin")));
		assertThat(mainText()).contains("Administration");
		assertAccessible("/home (admin)");

		open("/admin/users");
		assertThat(heading()).isEqualTo("Users");
		assertAccessible("/admin/users");

		open("/admin/invitations");
		assertAccessible("/admin/invitations");

		String invitee = uniqueEmail("a11y-invitee");
		fill("email", invitee);
		press("Send invitation");
		awaitPath("/admin/invitations?sent");
		assertThat(mainText()).contains(invitee);
		assertAccessible("/admin/invitations with a pending invitation");

		open("/admin/audit");
		assertThat(mainText()).contains("Chain intact");
		assertAccessible("/admin/audit");

		String link = TestMail.link(TestMail.awaitMail(invitee, 1), "/invitation");
		signedOut();
		open(link);
		assertThat(mainText()).contains("You are invited as a therapist");
		assertAccessible("/invitation with a valid link");
	}

	/** Six digits that are not the account's code in any of the steps Haven accepts. */
	private static String wrongCode(TestAccount account) {
		return Stream.of("000000", "111111", "222222", "333333")
			.filter(code -> !code.equals(account.codeAt(-1)) && !code.equals(account.code())
					&& !code.equals(account.codeAt(1)))
			.findFirst()
			.orElseThrow();
	}

}

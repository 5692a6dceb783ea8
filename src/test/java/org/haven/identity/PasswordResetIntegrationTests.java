package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class PasswordResetIntegrationTests extends IntegrationTest {

	static final String NEW_PASSWORD = "a brand new and long password";

	@Autowired
	ApplicationContext context;

	@Test
	void aResetLinkSetsANewPasswordOnceAndSignsOutEverywhere() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("forgetful"));
		WebSession oldDevice = browser();
		oldDevice.signIn(client.email(), client.password(), null);

		Response requested = browser().submit("/password-reset", "/password-reset", Map.of("email", client.email()));
		assertThat(requested.location()).endsWith("/password-reset/sent");
		String link = TestMail.link(TestMail.awaitMail(client.email(), 1), "/password-reset/confirm");
		String token = link.substring(link.indexOf("token=") + 6);

		WebSession browser = browser();
		assertThat(browser.get(link).body()).contains("Choose a new password");
		// The same link opened in a second tab, whose form is sent after the first.
		WebSession secondTab = browser();
		assertThat(secondTab.get(link).body()).contains("Choose a new password");
		Response reset = browser.post("/password-reset/confirm",
				Map.of("token", token, "password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
		assertThat(reset.location()).endsWith("/login?passwordReset");

		assertThat(oldDevice.get("/api/v1/me").status()).as("the old session ends").isEqualTo(401);
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/login?error");
		browser().signIn(client.email(), NEW_PASSWORD, null);

		Response reused = secondTab.post("/password-reset/confirm", Map.of("token", token, "password",
				"yet another long password", "confirmation", "yet another long password"));
		assertThat(reused.body()).contains("This link no longer works");
	}

	@Test
	void aResetLinkExpiresAfterThirtyMinutes() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("late"));
		browser().submit("/password-reset", "/password-reset", Map.of("email", client.email()));
		String link = TestMail.link(TestMail.awaitMail(client.email(), 1), "/password-reset/confirm");
		clock.advance(Duration.ofMinutes(31));
		assertThat(browser().get(link).body()).contains("This link no longer works");
	}

	@Test
	void unknownEmailsGetTheSameAnswerAndNoMail() {
		String unknown = uniqueEmail("stranger");
		Response response = browser().submit("/password-reset", "/password-reset", Map.of("email", unknown));
		assertThat(response.status()).isEqualTo(302);
		assertThat(response.location()).endsWith("/password-reset/sent");
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("known-reset"));
		Response known = browser().submit("/password-reset", "/password-reset", Map.of("email", client.email()));
		assertThat(known.location()).isEqualTo(response.location());
		TestMail.awaitMail(client.email(), 1);
		assertThat(TestMail.to(unknown)).isEmpty();
	}

	@Test
	void aWeakNewPasswordIsRefusedAndTheLinkStaysValid() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("weak"));
		browser().submit("/password-reset", "/password-reset", Map.of("email", client.email()));
		String link = TestMail.link(TestMail.awaitMail(client.email(), 1), "/password-reset/confirm");
		String token = link.substring(link.indexOf("token=") + 6);
		WebSession browser = browser();
		browser.get(link);
		Response weak = browser.post("/password-reset/confirm",
				Map.of("token", token, "password", "short", "confirmation", "short"));
		assertThat(weak.status()).isEqualTo(200);
		assertThat(weak.body()).contains("at least 12 characters");
		assertThat(browser.get(link).body()).contains("Choose a new password").doesNotContain("no longer works");
	}

}

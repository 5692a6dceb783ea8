package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.TestAccounts.TestAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * An admin publishes the telehealth consent and a client signs it; axe on both pages and
 * the error state.
 */
@Tag("browser")
class ConsentBrowserTests extends BrowserTest {

	@Test
	void anAdminPublishesAndAClientSigns() {
		signIn(accounts().admin(uniqueEmail("a11y-consent-admin")));
		open("/admin/consent");
		assertAccessible("/admin/consent");
		fill("title", "Telehealth informed consent");
		fill("body", "## Emergency plan\n\nCall your local emergency number.\n\n- Video may drop: we call you back.");
		press("Publish new version");
		assertThat(mainText()).contains("The new version is published");
		assertAccessible("/admin/consent (published)");

		signedOut();
		clock.advance(Duration.ofSeconds(30));
		TestAccount client = accounts().client(uniqueEmail("a11y-consent-client"));
		signIn(client);
		open("/consent");
		assertThat(driver.findElement(By.cssSelector("article.document h2 + div h2")).getText())
			.isEqualTo("Emergency plan");
		assertAccessible("/consent");
		fill("typedName", "Casey Client");
		press("Sign");
		assertThat(errorAt("agree")).contains("Tick the box");
		assertAccessible("/consent with an error");
		driver.findElement(By.id("agree")).click();
		fill("typedName", "Casey Client");
		press("Sign");
		assertThat(mainText()).contains("Your consent is recorded").contains("You consented to this version on");
		assertAccessible("/consent (signed)");
	}

}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.haven.browser.support.BrowserTest;
import org.haven.messaging.ChatFixture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Letters in a real browser: the draft saves itself while the person writes (the script
 * runs under the strict CSP and says so politely), comes back when the form is opened
 * again, and every letters page, an error state included, passes axe-core (WCAG 2.2 A and
 * AA).
 */
@Tag("browser")
class LettersBrowserTests extends BrowserTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDraftSavesItselfComesBackAndTheLetterIsSent() {
		ChatFixture chat = ChatFixture.create(context, uniqueEmail("letters-browser-therapist"),
				uniqueEmail("letters-browser-client"));
		String letters = "/messages/" + chat.conversation() + "/letters";
		signIn(chat.client());
		open(letters);
		assertThat(heading()).startsWith("Letters with");
		assertAccessible(letters);

		open(letters + "/new");
		assertAccessible(letters + "/new");
		fill("subject", "Written in the evening");
		fill("body", "Today was hard.\nI wrote this down so I would not forget it.");
		await("the draft to be saved")
			.until(d -> d.findElement(By.id("draft-status")).getText().startsWith("Draft saved"));
		assertThat(jdbc.sql("select count(*) from letter_draft where author_id = :a")
			.param("a", chat.client().id())
			.query(Long.class)
			.single()).isOne();

		open(letters + "/new");
		assertThat(driver.findElement(By.id("subject")).getDomProperty("value")).isEqualTo("Written in the evening");
		assertThat(driver.findElement(By.id("body")).getDomProperty("value")).contains("I wrote this down");

		fill("subject", "");
		press("Send letter");
		assertThat(errorAt("subject")).contains("Give your letter a subject.");
		assertThat(driver.findElement(By.id("body")).getDomProperty("value")).contains("I wrote this down");
		assertAccessible(letters + " with an error");

		fill("subject", "Written in the evening");
		press("Send letter");
		assertThat(heading()).isEqualTo("Written in the evening");
		assertThat(mainText()).contains("Your letter was sent.")
			.contains("Awaiting your therapist's reply")
			.contains("Today was hard.");
		assertAccessible(letters + "/{thread}");
		assertThat(jdbc.sql("select count(*) from letter_draft where author_id = :a")
			.param("a", chat.client().id())
			.query(Long.class)
			.single()).isZero();
	}

}

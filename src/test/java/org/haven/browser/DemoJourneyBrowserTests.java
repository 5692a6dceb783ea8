package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.browser.support.BrowserTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded default as a new user tries it: Haven in demo mode on its own PostgreSQL,
 * with the seeded accounts. The demo client asks the demo therapist for care, is
 * accepted, signs the consent, books a session and sees it on their home page; the demo
 * therapist sees it on theirs. Every page on the way is checked with axe-core.
 */
@Tag("browser")
@TestPropertySource(properties = {
		// No datasource URL: the embedded default, on a data directory of its own.
		"haven.test.datasource-url=", "haven.embedded-database.directory=target/demo-journey/postgresql-${random.uuid}",
		"haven.test.demo-mode=auto", "haven.demo.smtp-port=0", "haven.texting.demo-smsc-port=0",
		"haven.test.smsc-host=" })
class DemoJourneyBrowserTests extends BrowserTest {

	private static final String CLIENT = "client@demo.haven.test";

	private static final String CLIENT_PASSWORD = "demo-client-passphrase";

	private static final String THERAPIST = "therapist@demo.haven.test";

	private static final String THERAPIST_PASSWORD = "demo-therapist-passphrase";

	private static final String THERAPIST_TOTP = "DEMOTHERAPISTHAVENTOTPSECRETAAAA";

	@Autowired
	JdbcClient jdbc;

	@Test
	void theDemoClientBooksASessionAndItShowsOnTheDemoTherapistsHomePage() {
		assertThat(jdbc.sql("select count(*) from account where email like '%@demo.haven.test'")
			.query(Long.class)
			.single()).as("demo mode seeded its accounts").isEqualTo(5);
		UUID therapistId = jdbc.sql("select id from account where email = :e")
			.param("e", THERAPIST)
			.query(UUID.class)
			.single();

		clientSignsIn();
		assertThat(mainText()).contains("No session booked");
		assertAccessible("/home (client, no session)");
		open("/care/request/" + therapistId);
		fill("reason", "I would like to talk about sleep.");
		driver.findElement(By.id("modalities")).click();
		fill("jurisdiction", "US-CA");
		fill("location", "Fresno");
		fill("emergencyContact", "Alex 555 0100");
		press("Send request");

		therapistSignsIn();
		assertThat(mainText()).contains("Intake requests waiting for you").contains("Casey Client");
		assertAccessible("/home (therapist, a request waiting)");
		driver.findElement(By.linkText("Casey Client")).click();
		await("the request page").until(d -> path().startsWith("/care/requests/"));
		press("Accept");

		clientSignsIn();
		open("/consent");
		driver.findElement(By.id("agree")).click();
		fill("typedName", "Casey Client");
		press("Sign");
		open("/therapists/" + therapistId + "/times");
		driver.findElements(By.cssSelector("main .times button")).get(0).click();
		awaitPath("/appointments/confirm");
		press("Confirm booking");
		awaitPath("/appointments?booked");
		UUID appointment = jdbc.sql("select id from appointment where therapist_id = :t and status = 'BOOKED'")
			.param("t", therapistId)
			.query(UUID.class)
			.single();

		open("/home");
		assertThat(mainText()).contains("Your next session").contains("with Dr. Robin Reyes");
		assertAccessible("/home (client, next session)");
		assertThat(mainText()).doesNotContain("Join now").contains("You can join from");
		driver.findElement(By.xpath("//main//a[normalize-space()='Details']")).click();
		awaitPath("/appointments/" + appointment);
		assertThat(mainText()).contains("Dr. Robin Reyes").contains("Move to another time");
		assertAccessible("/appointments/{id}");
		open("/appointments/" + appointment + "/reschedule");
		assertAccessible("/appointments/{id}/reschedule");
		assertThat(mainText()).contains("Now:").contains("Keep the current time");
		driver.findElements(By.cssSelector("main .times button[name=start]")).get(0).click();
		awaitPath("/appointments/" + appointment + "?moved");
		assertThat(mainText()).contains("The session has moved");
		open("/account/notifications");
		assertAccessible("/account/notifications");
		fill("timeZone", "Nowhere/Special");
		press("Save choices");
		assertThat(errorAt("timeZone")).contains("Unknown time zone");
		assertAccessible("/account/notifications with an error");
		textsWithTheTherapist(therapistId);

		therapistSignsIn();
		assertThat(mainText()).contains("Casey Client");
		assertThat(driver.findElements(By.cssSelector("main a[href$='/appointments/" + appointment + "']")))
			.isNotEmpty();
		assertAccessible("/home (therapist, a session booked)");
		screenshot("therapist-home");

		// The demo therapist asks for the PHQ-9 before every session; the day before it,
		// the client fills it in, and their answer to the ninth question raises a risk.
		UUID clientId = jdbc.sql("select id from account where email = :e")
			.param("e", CLIENT)
			.query(UUID.class)
			.single();
		Instant start = jdbc.sql("select starts_at from appointment where id = :id")
			.param("id", appointment)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		Instant end = jdbc.sql("select ends_at from appointment where id = :id")
			.param("id", appointment)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		if (clock.instant().isBefore(start.minus(Duration.ofDays(1)))) {
			clock.advance(Duration.between(clock.instant(), start.minus(Duration.ofDays(1))));
		}
		clientSignsIn();
		await("the PHQ-9 due on the client's home").until(d -> {
			open("/home");
			return mainText().contains("Questionnaires to fill in");
		});
		driver.findElement(By.linkText("Fill in the PHQ-9")).click();
		await("the questionnaire").until(d -> path().startsWith("/records/measures/assignments/"));
		for (int item = 1; item <= 8; item++) {
			driver.findElement(By.id("item" + item + "-1")).click();
		}
		driver.findElement(By.id("item9-1")).click();
		press("Send answers");
		assertThat(mainText()).contains("If you are thinking about harming yourself").contains("988");
		assertAccessible("/records/measures/responses/{id} (demo client, crisis lines)");

		// The therapist sees the alert, acknowledges it, and opens the chart and the
		// progress chart.
		therapistSignsIn();
		assertThat(driver.findElement(By.cssSelector(".risk-banner")).getText())
			.contains("A client's answers need your attention");
		driver.findElement(By.cssSelector(".risk-banner a")).click();
		await("the answers").until(d -> path().startsWith("/records/measures/responses/"));
		press("Acknowledge");
		assertThat(mainText()).contains("The alert is acknowledged");
		open("/care");
		driver.findElement(By.cssSelector("main a[aria-label='Record of Casey Client']")).click();
		awaitPath("/records/clients/" + clientId);
		assertThat(mainText()).contains("PHQ-9");
		assertAccessible("/records/clients/{id} (demo therapist)");
		open("/records/measures/clients/" + clientId);
		assertThat(driver.findElements(By.cssSelector("main svg[role='img'] title"))).hasSize(1);
		assertAccessible("/records/measures/clients/{id} (demo therapist, progress chart)");

		// After the session the therapist writes its note and signs it.
		clock.advance(Duration.between(clock.instant(), end.plus(Duration.ofMinutes(5))));
		therapistSignsIn();
		open("/records/notes/status");
		driver.findElement(By.linkText("Start a note")).click();
		await("the template choice").until(d -> path().startsWith("/records/notes/new/"));
		press("Start the note");
		await("the draft").until(d -> !path().startsWith("/records/notes/new/"));
		fill("subjective", "Slept better this week; one night of racing thoughts.");
		fill("plan", "Safety plan reviewed together; next session as booked.");
		press("Sign the note");
		assertThat(mainText()).contains("The note is signed").contains("SHA-256");
		assertAccessible("/records/notes/{id} (signed)");
		screenshot("signed-note");
	}

	/**
	 * The client proves a number with the code the demo SMSC shows on /dev/sms and
	 * chooses to text with the therapist; the therapist answers by text from the chat,
	 * and the client's text back (sent from /dev/sms) appears in the therapist's open
	 * chat without a reload.
	 */
	private void textsWithTheTherapist(UUID therapistId) {
		open("/account/texts");
		assertAccessible("/account/texts (client, no number)");
		fill("number", "+1 201 555 0123");
		press("Text me a code");
		awaitPath("/account/texts?sent");
		Pattern codeText = Pattern.compile("your code is ([0-9]{6})");
		String code = await("the code on /dev/sms").until(d -> {
			open("/dev/sms");
			Matcher matcher = codeText.matcher(mainText());
			return matcher.find() ? matcher.group(1) : null;
		});
		assertAccessible("/dev/sms");
		open("/account/texts");
		fill("code", code);
		press("Verify my number");
		awaitPath("/account/texts?verified");
		driver.findElement(By.id("clinical")).click();
		driver.findElement(By.id("privacyUnderstood")).click();
		press("Save choices");
		awaitPath("/account/texts?saved");
		assertAccessible("/account/texts (client, texting with the therapist)");
		UUID conversation = jdbc
			.sql("select id from care_relationship where therapist_id = :t and client_id = "
					+ "(select id from account where email = :c)")
			.param("t", therapistId)
			.param("c", CLIENT)
			.query(UUID.class)
			.single();

		therapistSignsIn();
		open("/messages/" + conversation);
		driver.findElement(By.linkText("Send as a text message")).click();
		awaitPath("/messages/" + conversation + "/text");
		assertAccessible("/messages/{id}/text");
		fill("text", "Hi Casey, see you on Tuesday.");
		press("Send text");
		awaitPath("/messages/" + conversation);
		await("the reply in the chat").until(d -> mainText().contains("Hi Casey, see you on Tuesday."));
		String chat = driver.getWindowHandle();
		driver.switchTo().newWindow(WindowType.TAB);
		await("the reply on /dev/sms").until(d -> {
			open("/dev/sms");
			return mainText().contains("Hi Casey, see you on Tuesday.");
		});
		fill("sms-from", "+1 201 555 0123");
		fill("sms-body", "Thanks, see you then!");
		press("Send to Haven");
		assertThat(mainText()).contains("The SMSC delivered the text to Haven");
		String tab = driver.getWindowHandle();
		driver.switchTo().window(chat);
		await("the client's text in the open chat").until(d -> mainText().contains("Thanks, see you then!"));
		assertThat(driver.findElement(By.id("chat-log")).getText()).contains("by text");
		assertAccessible("/messages/{id} (therapist, texts in the chat)");
		screenshot("texts-in-chat");
		driver.switchTo().window(tab).close();
		driver.switchTo().window(chat);
	}

	private void clientSignsIn() {
		signedOut();
		open("/login");
		fill("email", CLIENT);
		fill("password", CLIENT_PASSWORD);
		press("Sign in");
		awaitPath("/home");
	}

	private void therapistSignsIn() {
		signedOut();
		// A TOTP code counts once: a later sign-in waits for the next code, as a person
		// would.
		clock.advance(Duration.ofSeconds(30));
		open("/login");
		fill("email", THERAPIST);
		fill("password", THERAPIST_PASSWORD);
		press("Sign in");
		awaitPath("/login/2fa");
		fill("code", totpCode(THERAPIST_TOTP));
		press("Verify");
		awaitPath("/home");
	}

}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.records.TestNotes;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Outcome measures as people use them: the therapist assigns the PHQ-9, the client fills
 * it in (a missing answer first, then the ninth item above "Not at all") and sees the
 * crisis lines at once; the therapist sees the banner, acknowledges it and opens the
 * progress chart. axe on every page on the way.
 */
@Tag("browser")
class RecordsBrowserTests extends BrowserTest {

	@Autowired
	ApplicationContext application;

	@Test
	void aClientsAnswersRaiseARiskAndTheTherapistTakesItInHand() {
		TestPractice practice = TestPractice.open(application, uniqueEmail("browser-measures-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("browser-measures-client"), true);
		String clientPage = "/records/measures/clients/" + client.id();

		signIn(practice.therapist());
		open(clientPage);
		assertAccessible(clientPage + " (therapist, nothing yet)");
		driver.findElement(By.id("instrument")).click();
		driver.findElement(By.id("schedule")).click();
		press("Assign");
		assertThat(mainText()).contains("The questionnaire is assigned").contains("Once");

		signedOut();
		signIn(client);
		assertThat(mainText()).contains("Questionnaires to fill in");
		assertAccessible("/home (client, a questionnaire due)");
		driver.findElement(By.linkText("Fill in the PHQ-9")).click();
		await("the questionnaire").until(d -> path().startsWith("/records/measures/assignments/"));
		assertAccessible("/records/measures/assignments/{id}");
		for (int item = 1; item <= 8; item++) {
			driver.findElement(By.id("item" + item + "-1")).click();
		}
		press("Send answers");
		assertThat(errorAt("item9")).contains("Choose an answer for question 9.");
		assertThat(driver.findElement(By.id("item8-1")).isSelected()).as("answers kept").isTrue();
		assertAccessible("/records/measures/assignments/{id} with an error");
		driver.findElement(By.id("item9-2")).click();
		press("Send answers");
		assertThat(path()).startsWith("/records/measures/responses/");
		assertThat(mainText()).contains("If you are thinking about harming yourself").contains("988");
		assertAccessible("/records/measures/responses/{id} (client, crisis lines)");
		open("/records/measures");
		assertAccessible("/records/measures (client)");

		signedOut();
		clock.advance(Duration.ofSeconds(30));
		signIn(practice.therapist());
		assertThat(driver.findElement(By.cssSelector(".risk-banner")).getText())
			.contains("A client's answers need your attention");
		assertAccessible("/home (therapist, an alert)");
		driver.findElement(By.cssSelector(".risk-banner a")).click();
		await("the answers").until(d -> path().startsWith("/records/measures/responses/"));
		assertThat(mainText()).contains("These answers raised a risk").contains("More than half the days");
		assertAccessible("/records/measures/responses/{id} (therapist)");
		press("Acknowledge");
		assertThat(mainText()).contains("The alert is acknowledged");
		assertThat(driver.findElements(By.cssSelector(".risk-banner"))).isEmpty();
		driver.findElement(By.linkText("All measures and progress")).click();
		await("the progress chart").until(d -> path().equals(clientPage));
		assertThat(driver.findElements(By.cssSelector("main svg[role='img'] title"))).hasSize(1);
		assertThat(mainText()).contains("PHQ-9 scores");
		assertAccessible(clientPage + " (therapist, progress chart)");
		open("/records/measures/clients/" + client.id() + "/administer?instrument=GAD7");
		assertAccessible("/records/measures/clients/{id}/administer");
		open("/records/measures");
		assertAccessible("/records/measures (therapist)");
		screenshot("progress-chart");
	}

	@Test
	void theTherapistOpensTheChartAndWritesAndSignsTheSessionsNote() {
		TestPractice practice = TestPractice.open(application, uniqueEmail("browser-notes-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("browser-notes-client"), true);
		List<FreeSlot> slots = practice.freeSlotsAfter(clock.instant().plus(Duration.ofHours(1)), 2);
		UUID session = practice.book(client, slots.get(0), "VIDEO");
		UUID later = practice.book(client, slots.get(1), "AUDIO");
		clock.advance(Duration.between(clock.instant(), slots.get(1).end()).plusMinutes(1));
		UUID note = TestNotes.in(application).draftAfterVisit(session, 50 * 60);
		String chart = "/records/clients/" + client.id();

		signIn(practice.therapist());
		assertThat(mainText()).contains("Sessions without a signed note");
		open(chart);
		assertThat(mainText()).contains("Timeline");
		assertAccessible(chart + " (therapist)");
		for (String part : List.of("/plan/", "/safety-plan/")) {
			open("/records" + part + client.id());
			assertAccessible("/records" + part + "{id} (therapist)");
			open("/records" + part + client.id() + "/edit");
			assertAccessible("/records" + part + "{id}/edit (therapist)");
		}
		open(chart + "/export");
		assertAccessible(chart + "/export (therapist)");
		open("/records/notes/status");
		assertAccessible("/records/notes/status");
		open("/records/notes/" + note);
		assertAccessible("/records/notes/{id} (draft)");
		driver.findElement(By.id("subjective")).sendKeys("Slept better; fewer panics on the bus.");
		driver.findElement(By.id("plan")).sendKeys("Two stops by bus before next session.");
		press("Sign the note");
		assertThat(mainText()).contains("The note is signed").contains("SHA-256");
		assertThat(driver.findElements(By.id("subjective"))).as("no longer editable").isEmpty();
		assertAccessible("/records/notes/{id} (signed)");
		screenshot("signed-note");
		fill("psychotherapy", "My own working thoughts on the session.");
		press("Keep the psychotherapy note");
		await("the psychotherapy note").until(d -> path().startsWith("/records/notes/psychotherapy/"));
		assertAccessible("/records/notes/psychotherapy/{id}");
		open("/records/notes/new/" + later);
		assertAccessible("/records/notes/new/{id}");

		signedOut();
		signIn(client);
		open(chart + "/intake");
		assertAccessible(chart + "/intake (client, empty)");
		fill("preferredName", "Robin");
		fill("dateOfBirth", "04/21/1990");
		fill("concerns", "Sleeping badly since the move.");
		driver.findElement(By.id("harmSelf-no")).click();
		driver.findElement(By.id("harmOthers-no")).click();
		fill("emergencyName", "Kim");
		fill("emergencyPhone", "555 0101");
		press("Send to your therapist");
		open(chart + "/intake");
		assertAccessible(chart + "/intake (client, sent)");
		open("/records/safety-plan/" + client.id() + "/edit");
		assertAccessible("/records/safety-plan/{id}/edit (client)");

		signedOut();
		// A one-time code counts once: the therapist's second sign-in waits for the next.
		clock.advance(Duration.ofSeconds(30));
		signIn(practice.therapist());
		open(chart + "/intake");
		assertThat(mainText()).contains("Sleeping badly since the move.");
		assertAccessible(chart + "/intake (therapist, to review)");

		signedOut();
		signIn(practice.accounts().admin(uniqueEmail("browser-notes-admin")));
		open("/admin/break-glass");
		assertAccessible("/admin/break-glass");
	}

}

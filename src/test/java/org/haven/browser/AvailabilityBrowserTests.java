package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A therapist sets availability and a client sees the free times in another zone; axe on both pages. */
@Tag("browser")
class AvailabilityBrowserTests extends BrowserTest {

	@Test
	void aTherapistSetsWeeklyTimesAndAClientSeesThem() {
		TestAccount therapist = accounts().therapist(uniqueEmail("a11y-availability"));
		signIn(therapist);
		open("/therapist/profile");
		fill("displayName", "Dr. Timely");
		fill("timeZone", "Europe/Berlin");
		driver.findElement(By.id("modalities")).click();
		press("Save profile");

		open("/therapist/availability");
		assertAccessible("/therapist/availability (empty)");
		new Select(driver.findElement(By.id("day"))).selectByValue("THURSDAY");
		press("Add weekly time");
		assertThat(mainText()).containsIgnoringCase("thursday 09:00-12:00");
		new Select(driver.findElement(By.id("day"))).selectByValue("THURSDAY");
		press("Add weekly time");
		assertThat(mainText()).contains("overlap");
		assertAccessible("/therapist/availability with an error");

		signedOut();
		clock.advance(Duration.ofSeconds(30));
		signIn(accounts().client(uniqueEmail("a11y-times")));
		open("/therapists/" + therapist.id() + "/times");
		assertThat(mainText()).contains("Times in Europe/Berlin").contains("Thursday");
		assertAccessible("/therapists/{id}/times");
		new Select(driver.findElement(By.id("zone"))).selectByValue("America/Chicago");
		press("Show");
		assertThat(mainText()).contains("Times in America/Chicago");
		assertAccessible("/therapists/{id}/times in another zone");
	}
}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.haven.care.internal.Intake;
import org.haven.care.internal.Consents;
import org.haven.directory.internal.Profiles;
import org.haven.scheduling.internal.Availability;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A therapist sets availability and a client sees the free times in another zone; axe on
 * both pages.
 */
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

		// Time off, with a mistake first: the end before the start.
		setValue("timeOffDate", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(7).toString());
		setValue("timeOffFrom", "17:00");
		setValue("timeOffUntil", "13:00");
		fill("timeOffLabel", "Holiday");
		press("Add time off");
		assertThat(errorAt("timeOffUntil")).contains("must be after the start");
		assertAccessible("/therapist/availability with a time off error");
		setValue("timeOffFrom", "13:00");
		setValue("timeOffUntil", "17:00");
		press("Add time off");
		awaitPath("/therapist/availability?timeOffAdded");
		assertThat(mainText()).contains("13:00-17:00 (Holiday)");
		assertAccessible("/therapist/availability with time off");

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

	/**
	 * Date and time inputs take typed keys in the browser's own locale format; set the
	 * ISO value exactly instead.
	 */
	private void setValue(String id, String value) {
		((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
	}

	@Autowired
	Profiles profiles;

	@Autowired
	Availability availability;

	@Autowired
	Intake intake;

	@Autowired
	Consents consents;

	@Test
	void aClientInCareBooksATimeAndSeesItInTheirSessions() {
		TestAccount therapist = accounts().therapist(uniqueEmail("a11y-booking-therapist"));
		profiles.addLicence(therapist.id(), "US-WA", "LMHC", "WA-1", java.time.LocalDate.now().plusYears(1).toString());
		profiles.save(therapist.id(),
				new Profiles.ProfileForm("Dr. Bookable", null, null, null, null, true, "America/Los_Angeles", true,
						java.util.List.of("VIDEO"), java.util.List.of(), java.util.List.of(), java.util.List.of()));
		for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
			availability.addRule(therapist.id(), day.name(), "08:00", "18:00");
		}
		TestAccount client = accounts().client(uniqueEmail("a11y-booking-client"));
		java.util.UUID request = intake.request(client.id(), therapist.id(),
				new Intake.RequestForm("Low mood.", java.util.List.of("VIDEO"), "US-WA", "Spokane", "Ana 555 0102"));
		intake.accept(therapist.id(), request, null);
		if (consents.current().isEmpty()) {
			consents.publish(null, "Telehealth consent", "Emergency plan: call 911.");
		}
		consents.sign(client.id(), consents.current().orElseThrow().version(), "Booking Client", true, "127.0.0.1");

		signIn(client);
		open("/therapists/" + therapist.id() + "/times");
		assertAccessible("/therapists/{id}/times with booking");
		driver.findElements(By.xpath("//main//button[normalize-space()='Book']")).get(0).click();
		awaitPath("/appointments?booked");
		assertThat(mainText()).contains("The session is booked").contains("Test therapist");
		assertAccessible("/appointments");
	}

}

package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.haven.browser.support.BrowserTest;
import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.directory.TestProfiles;
import org.haven.directory.TestProfiles.Listing;
import org.haven.scheduling.TestPractice;
import org.haven.identity.TestAccounts.TestAccount;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

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
		setValue("timeOffDate", LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(7).toString());
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
		assertThat(mainText()).contains("Times shown in Europe/Berlin").contains("Thu ");
		assertAccessible("/therapists/{id}/times");
		driver.findElement(By.cssSelector(".zone-change summary")).click();
		fill("zone", "America/Chicago");
		press("Show");
		assertThat(mainText()).contains("Times shown in America/Chicago");
		assertAccessible("/therapists/{id}/times in another zone");
	}

	/**
	 * Date and time inputs take typed keys in the browser's own locale format; set the
	 * ISO value exactly instead.
	 */
	private void setValue(String id, String value) {
		((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id,
				value);
	}

	@Autowired
	ApplicationContext context;

	@Test
	void aClientInCareBooksATimeAndSeesItInTheirSessions() {
		TestAccount therapist = accounts().therapist(uniqueEmail("a11y-booking-therapist"));
		TestProfiles.in(context)
			.publish(therapist.id(), new Listing("Dr. Bookable", "US-WA", "LMHC", "WA-1", "America/Los_Angeles",
					List.of("VIDEO"), List.of()));
		TestPractice.of(context, therapist, "US-WA").everyDay("08:00", "18:00");
		TestAccount client = accounts().client(uniqueEmail("a11y-booking-client"));
		TestCare care = TestCare.in(context);
		care.startCare(client.id(), therapist.id(),
				IntakeAnswers.video("Low mood.", "US-WA", "Spokane", "Ana 555 0102"));
		care.publishConsentUnlessPublished("Emergency plan: call 911.");
		care.signConsent(client.id(), "Booking Client");

		signIn(client);
		open("/therapists/" + therapist.id() + "/times");
		assertAccessible("/therapists/{id}/times with booking");
		driver.findElements(By.cssSelector("main .times button")).get(0).click();
		awaitPath("/appointments/confirm");
		assertThat(mainText()).contains("Confirm your session").contains("Video call");
		assertAccessible("/appointments/confirm");
		press("Confirm booking");
		awaitPath("/appointments?booked");
		assertThat(mainText()).contains("The session is booked").contains("Test therapist");
		assertAccessible("/appointments");
	}

}

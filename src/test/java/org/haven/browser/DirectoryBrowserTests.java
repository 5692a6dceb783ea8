package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.haven.browser.support.BrowserTest;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * A therapist fills in a profile in the browser and a client finds it; axe on every
 * directory page.
 */
@Tag("browser")
class DirectoryBrowserTests extends BrowserTest {

	@Test
	void aTherapistPublishesAProfileAndAClientFindsIt() {
		TestAccount therapist = accounts().therapist(uniqueEmail("a11y-directory"));
		signIn(therapist);
		open("/therapist/profile");
		assertThat(heading()).isEqualTo("Your profile");
		assertAccessible("/therapist/profile (empty)");

		fill("jurisdiction", "NZ");
		fill("licenceType", "Registered psychotherapist");
		fill("number", "NZ-4711");
		// Date inputs take typed keys in the browser's own locale format; set the ISO
		// value exactly instead.
		((JavascriptExecutor) driver).executeScript("document.getElementById('expiresOn').value = arguments[0]",
				LocalDate.now().plusYears(1).toString());
		press("Add licence");
		awaitPath("/therapist/profile?licenceAdded");

		fill("displayName", "Aroha Browser-Test");
		fill("timeZone", "Pacific/Auckland");
		driver.findElement(By.id("modalities")).click();
		driver.findElement(By.id("published")).click();
		press("Save profile");
		awaitPath("/therapist/profile?saved");
		assertAccessible("/therapist/profile (published)");

		// A photo: first a file that is not one, then a real one.
		driver.findElement(By.id("photo"))
			.sendKeys(file("notes.jpg", "not a photo".getBytes(StandardCharsets.UTF_8)).toString());
		press("Upload photo");
		assertThat(errorAt("photo")).contains("Upload a JPEG or PNG image");
		assertAccessible("/therapist/profile (photo error)");
		driver.findElement(By.id("photo")).sendKeys(file("me.jpg", TestImages.jpeg(900, 600)).toString());
		press("Upload photo");
		awaitPath("/therapist/profile?photoSaved");
		awaitPhotoShown("Photo of Aroha Browser-Test");
		assertAccessible("/therapist/profile (with photo)");

		signedOut();
		clock.advance(Duration.ofSeconds(30));
		signIn(accounts().client(uniqueEmail("a11y-finder")));
		open("/therapists");
		assertAccessible("/therapists (empty search)");
		fill("jurisdiction", "NZ");
		press("Search");
		assertThat(mainText()).contains("Aroha Browser-Test");
		awaitPhotoShown("Photo of Aroha Browser-Test");
		assertAccessible("/therapists (results)");

		fill("jurisdiction", "Atlantis");
		press("Search");
		assertThat(errorAt("jurisdiction")).contains("Write the place as a country code");
		assertAccessible("/therapists (error)");

		// Aroha has no weekly times yet, so nobody has free time within a week.
		fill("jurisdiction", "NZ");
		new Select(driver.findElement(By.id("freeWithinDays"))).selectByValue("7");
		press("Search");
		assertThat(mainText()).contains("With a time free to book in the next 7 days.")
			.doesNotContain("Aroha Browser-Test");
		assertAccessible("/therapists (free time filter)");
		open("/therapists?jurisdiction=NZ&freeWithinDays=soon");
		assertThat(errorAt("freeWithinDays")).contains("a whole number of days from 1 to 60");
		assertAccessible("/therapists (free time error)");

		open("/therapists/" + therapist.id());
		assertThat(heading()).contains("Aroha Browser-Test");
		awaitPhotoShown("Photo of Aroha Browser-Test");
		assertAccessible("/therapists/{id}");

		// Asking for care, with one mistake first.
		driver.findElement(By.linkText("Ask for care")).click();
		awaitPath("/care/request/" + therapist.id());
		assertAccessible("/care/request/{id}");
		fill("reason", "I cannot sleep since my father died.");
		driver.findElement(By.id("modalities")).click();
		fill("jurisdiction", "AU");
		fill("location", "Wellington");
		fill("emergencyContact", "Mere (partner) 021 555 0100");
		press("Send request");
		assertThat(errorAt("jurisdiction")).contains("not licensed where you live");
		assertAccessible("/care/request/{id} with an error");
		fill("jurisdiction", "NZ");
		press("Send request");
		assertThat(heading()).contains("Your request to");
		assertAccessible("/care/requests/{id} (client)");
		open("/care");
		assertAccessible("/care (client)");

		signedOut();
		clock.advance(Duration.ofSeconds(30));
		signIn(therapist);
		open("/care");
		assertThat(mainText()).contains("Request from");
		assertAccessible("/care (therapist)");
		driver.findElement(By.partialLinkText("Request from")).click();
		await("the request page").until(d -> path().startsWith("/care/requests/"));
		assertThat(mainText()).contains("I cannot sleep since my father died.");
		assertAccessible("/care/requests/{id} (therapist)");
		press("Accept");
		assertThat(mainText()).contains("(active)");
		assertAccessible("/care with a client");
	}

	/**
	 * Waits until the image with this alt text has loaded and has pixels (a broken image
	 * has none).
	 */
	private void awaitPhotoShown(String alt) {
		await("the photo '" + alt + "'").until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
			.executeScript("const img = [...document.querySelectorAll('main img')].find(i => i.alt === arguments[0]);"
					+ " return !!img && img.complete && img.naturalWidth > 0;", alt)));
	}

	private static Path file(String name, byte[] content) {
		try {
			Path directory = Files.createTempDirectory("haven-upload");
			directory.toFile().deleteOnExit();
			Path file = Files.write(directory.resolve(name), content);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

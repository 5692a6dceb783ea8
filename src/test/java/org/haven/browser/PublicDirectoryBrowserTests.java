package org.haven.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.haven.browser.support.BrowserTest;
import org.haven.directory.TestProfiles;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.TestImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A stranger walks in through the front door: the start page, the directory, a profile,
 * and "Sign in to book", which brings them back to the profile once signed in. axe on
 * every page, on a desktop and a phone, with screenshots of each for a person to look at.
 */
@Tag("browser")
class PublicDirectoryBrowserTests extends BrowserTest {

	/** Desktop first, then a phone; the suffix names the phone's screenshots. */
	private static final List<Viewport> VIEWPORTS = List.of(new Viewport(1280, 800, false, ""),
			new Viewport(390, 844, true, "-390x844"));

	@Autowired
	ApplicationContext context;

	@Test
	void aStrangerFindsATherapistAndSignsInToBook() {
		String region = "US-" + Integer.toString((int) (Math.random() * 46656), 36).toUpperCase();
		if (region.length() < 4) {
			region = region + "Q";
		}
		TestAccount robin = therapist("Dr. Robin Browser", region, List.of("VIDEO", "AUDIO", "CHAT", "LETTERS"));
		therapist("Sam Okafor-Browser", region, List.of("VIDEO", "SMS"));
		TestAccount client = accounts().client(uniqueEmail("front-door"));

		for (Viewport viewport : VIEWPORTS) {
			signedOut();
			viewport.apply();
			try {
				open("/");
				assertThat(heading()).isEqualTo("Therapy that meets you where you are");
				check("landing" + viewport.suffix());

				driver.findElement(By.xpath("//main//a[normalize-space()='Find a therapist']")).click();
				awaitPath("/therapists");
				assertThat(heading()).isEqualTo("Find a therapist");
				check("directory-empty" + viewport.suffix());

				fill("jurisdiction", region);
				press("Search");
				assertThat(mainText()).contains("2 therapists")
					.contains("Dr. Robin Browser")
					.contains("Video sessions");
				awaitPhotoShown("Photo of Dr. Robin Browser");
				check("directory" + viewport.suffix());

				driver.findElement(By.linkText("Dr. Robin Browser")).click();
				awaitPath("/therapists/" + robin.id());
				assertThat(heading()).contains("Dr. Robin Browser");
				awaitPhotoShown("Photo of Dr. Robin Browser");
				assertThat(mainText()).contains("Create an account or sign in to book").doesNotContain("Ask for care");
				check("profile" + viewport.suffix());
			}
			finally {
				clearViewport();
			}
		}

		driver.findElement(By.linkText("Sign in to book")).click();
		awaitPath("/login");
		assertAccessible("/login after 'Sign in to book'");
		fill("email", client.email());
		fill("password", client.password());
		press("Sign in");
		awaitPath("/therapists/" + robin.id());
		assertThat(mainText()).contains("Ask for care").doesNotContain("Create an account or sign in to book");
		assertAccessible("/therapists/{id} signed in");
	}

	@Test
	void aStrangerAtAnUnknownAddressSeesPageNotFound() {
		open("/no-such-page");
		assertThat(path()).isEqualTo("/no-such-page");
		assertThat(heading()).isEqualTo("Page not found");
		assertThat(driver.findElements(By.linkText("Find a therapist"))).isNotEmpty();
		assertAccessible("404 for a stranger");
	}

	private TestAccount therapist(String name, String region, List<String> modalities) {
		TestAccount therapist = accounts().therapist(uniqueEmail("front-door-therapist"));
		TestProfiles profiles = TestProfiles.in(context);
		profiles.publish(therapist.id(), new TestProfiles.Listing(name, region, "LMFT", "L-42", "America/New_York",
				modalities, List.of("anxiety", "grief")));
		profiles.photo(therapist.id(), TestImages.jpeg(480, 600));
		return therapist;
	}

	/** axe, no sideways scrolling, and a screenshot. */
	private void check(String name) {
		assertAccessible(name);
		assertThat((Boolean) ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("%s scrolls sideways", name)
			.isTrue();
		screenshot(name);
	}

	private void awaitPhotoShown(String alt) {
		await("the photo '" + alt + "'").until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
			.executeScript("const img = [...document.querySelectorAll('main img')].find(i => i.alt === arguments[0]);"
					+ " return !!img && img.complete && img.naturalWidth > 0;", alt)));
	}

	private static void clearViewport() {
		((HasCdp) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	record Viewport(int width, int height, boolean mobile, String suffix) {

		void apply() {
			((HasCdp) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
					Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
		}

	}

}

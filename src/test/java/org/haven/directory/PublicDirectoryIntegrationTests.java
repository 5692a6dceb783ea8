package org.haven.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.haven.directory.internal.Profiles;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestImages;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The directory as a stranger sees it: searching and reading published profiles needs no
 * account; asking for care, free times, booking and the API still do.
 */
class PublicDirectoryIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Profiles profiles;

	TestAccounts accounts;

	TestAccount therapist;

	String region;

	WebSession stranger;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		therapist = accounts.therapist(uniqueEmail("public-therapist"));
		region = "US-" + Integer.toString((int) (Math.random() * 46656), 36).toUpperCase();
		if (region.length() < 4) {
			region = region + "Q";
		}
		TestProfiles.in(context)
			.publish(therapist.id(), new TestProfiles.Listing("Dr. Open Door", region, "LMFT", "L-9", "Europe/Dublin",
					List.of("VIDEO", "SMS"), List.of("anxiety")));
		TestProfiles.in(context).photo(therapist.id(), TestImages.png(300, 200));
		stranger = browser();
	}

	@Test
	void aStrangerSearchesAndReadsAProfileWithItsPhoto() {
		Response search = stranger.get("/therapists?jurisdiction=" + region);
		assertThat(search.status()).isEqualTo(200);
		assertThat(search.body()).contains("1 therapist")
			.contains("Dr. Open Door")
			.contains("alt=\"Photo of Dr. Open Door\"")
			.contains("Video sessions, ")
			.contains("Text messages")
			.doesNotContain(">SMS<")
			.doesNotContain(">VIDEO");

		Response profile = stranger.get("/therapists/" + therapist.id());
		assertThat(profile.status()).isEqualTo(200);
		assertThat(profile.body()).contains("Dr. Open Door")
			.containsPattern(region + ": LMFT \\(valid until \\d{1,2} [A-Z][a-z]+ \\d{4}\\)")
			.contains("Create an account or sign in to book")
			.contains("href=\"/therapists/" + therapist.id() + "/book\"")
			.contains("href=\"/register\"")
			.doesNotContain("Ask for care")
			.doesNotContain("/times")
			.containsPattern("<img class=\"photo\" src=\"/therapists/" + therapist.id()
					+ "/photo\\?v=[^\"]+\"\\s+alt=\"Photo of Dr. Open Door\" width=\"192\" height=\"192\">");

		var photo = stranger.download("/therapists/" + therapist.id() + "/photo");
		assertThat(photo.status()).isEqualTo(200);
		assertThat(photo.header("Content-Type")).isEqualTo("image/png");
		assertThat(photo.header("Cache-Control")).contains("private");
	}

	@Test
	void anUnpublishedProfileAndItsPhotoAreNotFoundForStrangers() {
		Profiles.ProfileForm unpublished = new Profiles.ProfileForm("Dr. Open Door", null, null, null, null, true,
				"Europe/Dublin", false, List.of("VIDEO"), List.of("anxiety"), List.of(), List.of());
		profiles.save(therapist.id(), unpublished);

		assertThat(stranger.get("/therapists/" + therapist.id()).status()).isEqualTo(404);
		assertThat(stranger.download("/therapists/" + therapist.id() + "/photo").status()).isEqualTo(404);
		assertThat(stranger.get("/therapists?jurisdiction=" + region).body()).contains("0 therapists")
			.doesNotContain("Dr. Open Door");
		// Not even a sign-in form: the same answer as an id that was never anyone's.
		assertThat(stranger.get("/therapists/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
	}

	@Test
	void freeTimesBookingAskingForCareAndTheApiStillNeedAnAccount() {
		for (String page : List.of("/therapists/" + therapist.id() + "/times",
				"/therapists/" + therapist.id() + "/book", "/care/request/" + therapist.id())) {
			Response response = stranger.get(page);
			assertThat(response.status()).as(page).isEqualTo(302);
			assertThat(response.location()).as(page).endsWith("/login");
		}
		assertThat(stranger.get("/api/v1/therapists?jurisdiction=" + region).status()).isEqualTo(401);
		assertThat(stranger.get("/api/v1/therapists/" + therapist.id()).status()).isEqualTo(401);
	}

	@Test
	void signingInToBookLeadsBackToTheProfile() {
		TestAccount client = accounts.client(uniqueEmail("public-client"));
		String profile = "/therapists/" + therapist.id();
		assertThat(stranger.get(profile + "/book").location()).endsWith("/login");

		Response signedIn = stranger.signIn(client.email(), client.password());
		assertThat(signedIn.status()).isEqualTo(302);
		// Spring Security marks the saved request it sends back to with "continue".
		assertThat(signedIn.location().replaceFirst("^https?://[^/]+", "")).isEqualTo(profile + "/book?continue");
		Response book = stranger.get(signedIn.location().replaceFirst("^https?://[^/]+", ""));
		assertThat(book.status()).isEqualTo(302);
		assertThat(book.location()).endsWith(profile);

		Response page = stranger.get(profile);
		assertThat(page.body()).contains("Ask for care")
			.contains("See free times")
			.doesNotContain("Create an account or sign in to book");
	}

}

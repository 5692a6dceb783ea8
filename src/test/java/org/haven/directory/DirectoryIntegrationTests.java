package org.haven.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class DirectoryIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts accounts;

	WebSession client;

	/**
	 * Each test gets its own made-up region, so results never mix with other tests'
	 * therapists.
	 */
	String region;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		TestAccount someone = accounts.client(uniqueEmail("searcher"));
		client = browser();
		client.signIn(someone.email(), someone.password(), null);
		region = "US-" + Integer.toString((int) (Math.random() * 46656), 36).toUpperCase();
		if (region.length() < 4) {
			region = region + "Q";
		}
	}

	@Test
	void aTherapistPublishesAProfileAndAClientWhereTheyAreLicensedFindsIt() {
		TestAccount therapist = therapistWithProfile("Dr. Findable", region, LocalDate.now().plusYears(1), "VIDEO",
				"anxiety", "en");

		Response page = client.get("/therapists?jurisdiction=" + region);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("1 therapist").contains("Dr. Findable");
		assertThat(client.get("/therapists/" + therapist.id()).body()).contains("Dr. Findable")
			.contains(region + ": LMFT");

		assertThat(client.get("/therapists?jurisdiction=GB").body()).doesNotContain("Dr. Findable");
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region).body()).contains("\"total\":1")
			.contains("Dr. Findable");
	}

	@Test
	void onlyLicencesValidOnTheDateCount() {
		therapistWithProfile("Dr. Expiring", region, LocalDate.now().plusDays(10), "VIDEO", "anxiety", "en");
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region).body()).contains("\"total\":1");
		assertThat(
				client.get("/api/v1/therapists?jurisdiction=" + region + "&on=" + LocalDate.now().plusDays(11)).body())
			.contains("\"total\":0");
	}

	@Test
	void filtersByModalityLanguageAndSpecialty() {
		therapistWithProfile("Dr. Video English Anxiety", region, LocalDate.now().plusYears(1), "VIDEO", "anxiety",
				"en");
		therapistWithProfile("Dr. Chat Spanish Grief", region, LocalDate.now().plusYears(1), "CHAT", "grief", "es");

		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region).body()).contains("\"total\":2");
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region + "&modality=CHAT").body())
			.contains("Dr. Chat Spanish Grief")
			.doesNotContain("Dr. Video");
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region + "&language=en").body())
			.contains("Dr. Video English Anxiety")
			.doesNotContain("Dr. Chat");
		assertThat(
				client.get("/api/v1/therapists?jurisdiction=" + region + "&specialty=grief&language=es&modality=chat")
					.body())
			.contains("\"total\":1");
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region + "&specialty=grief&language=en").body())
			.contains("\"total\":0");
	}

	@Test
	void resultsComeTenToAPage() {
		for (int i = 0; i < 12; i++) {
			therapistWithProfile("Dr. Page " + (char) ('A' + i), region, LocalDate.now().plusYears(1), "AUDIO",
					"stress", "en");
		}
		String first = client.get("/api/v1/therapists?jurisdiction=" + region).body();
		String second = client.get("/api/v1/therapists?jurisdiction=" + region + "&page=1").body();
		assertThat(first).contains("\"total\":12").contains("Dr. Page A").doesNotContain("Dr. Page K");
		assertThat(second).contains("Dr. Page K").contains("Dr. Page L").doesNotContain("Dr. Page A");
		assertThat(client.get("/therapists?jurisdiction=" + region).body()).contains("Page 1 of 2")
			.contains("Next page");
	}

	@Test
	void unpublishedProfilesAndDisabledTherapistsAreNotListed() {
		TestAccount hidden = therapistWithProfile("Dr. Hidden", region, LocalDate.now().plusYears(1), "VIDEO",
				"anxiety", "en");
		WebSession therapist = signedIn(hidden);
		therapist.submit("/therapist/profile", "/therapist/profile",
				profileForm("Dr. Hidden", "VIDEO", "anxiety", "en", false));
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region).body()).contains("\"total\":0");
		assertThat(client.get("/therapists/" + hidden.id()).status()).isEqualTo(404);
		assertThat(client.get("/api/v1/therapists/" + hidden.id()).status()).isEqualTo(404);
	}

	@Test
	void badSearchInputGetsAClearErrorOnThePageAndTheApi() {
		assertThat(client.get("/therapists?jurisdiction=California").body())
			.contains("Write the place as a country code");
		assertThat(client.get("/therapists?jurisdiction=XX-CA").body()).contains("Write the place as a country code");
		Response unknownModality = client.get("/api/v1/therapists?jurisdiction=US-CA&modality=TELEPATHY");
		assertThat(unknownModality.status()).isEqualTo(400);
		assertThat(unknownModality.body()).contains("Unknown modality").contains("\"field\":\"modality\"");
		assertThat(client.get("/api/v1/therapists?jurisdiction=US-CA&on=2027-13-45").status()).isEqualTo(400);
		assertThat(client.get("/api/v1/therapists").status()).isEqualTo(400);
	}

	@Test
	void badProfileInputIsExplainedAndChangesNothing() {
		TestAccount therapist = therapistWithProfile("Dr. Careful", region, LocalDate.now().plusYears(1), "VIDEO",
				"anxiety", "en");
		WebSession browser = signedIn(therapist);
		Map<String, String> badZone = profileForm("Dr. Renamed", "VIDEO", "anxiety", "en", true);
		badZone.put("timeZone", "Mars/Olympus_Mons");
		Response zone = browser.submit("/therapist/profile", "/therapist/profile", badZone);
		assertThat(zone.status()).isEqualTo(200);
		assertThat(zone.body()).contains("Choose a time zone such as").contains("Dr. Renamed");

		Map<String, String> longBio = profileForm("Dr. Renamed", "VIDEO", "anxiety", "en", true);
		longBio.put("bio", "x".repeat(4001));
		assertThat(browser.submit("/therapist/profile", "/therapist/profile", longBio).body())
			.contains("Use at most 4000 characters.");

		Map<String, String> unknownModality = profileForm("Dr. Renamed", "TELEPATHY", "anxiety", "en", true);
		assertThat(browser.submit("/therapist/profile", "/therapist/profile", unknownModality).body())
			.contains("Unknown modality");

		Response badLicence = browser.submit("/therapist/profile", "/therapist/profile/licences",
				Map.of("jurisdiction", "Narnia", "licenceType", "LMFT", "number", "1", "expiresOn", "2030-01-01"));
		assertThat(badLicence.body()).contains("Write the place as a country code");
		Response badDate = browser.submit("/therapist/profile", "/therapist/profile/licences",
				Map.of("jurisdiction", "US-CA", "licenceType", "LMFT", "number", "1", "expiresOn", "next year"));
		assertThat(badDate.body()).contains("Enter the expiry date as YYYY-MM-DD");
		Response expired = browser.submit("/therapist/profile", "/therapist/profile/licences",
				Map.of("jurisdiction", "US-CA", "licenceType", "LMFT", "number", "1", "expiresOn", "2020-01-01"));
		assertThat(expired.body()).contains("This licence has expired already.");

		assertThat(jdbc.sql("select display_name from therapist_profile where account_id = :id")
			.param("id", therapist.id())
			.query(String.class)
			.single()).isEqualTo("Dr. Careful");
		assertThat(jdbc.sql("select count(*) from therapist_licence where account_id = :id")
			.param("id", therapist.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void aTherapistRemovesOnlyTheirOwnLicences() {
		TestAccount owner = therapistWithProfile("Dr. Owner", region, LocalDate.now().plusYears(1), "VIDEO", "anxiety",
				"en");
		TestAccount other = therapistWithProfile("Dr. Other", region, LocalDate.now().plusYears(1), "VIDEO", "anxiety",
				"en");
		String licence = jdbc.sql("select id from therapist_licence where account_id = :id")
			.param("id", owner.id())
			.query(String.class)
			.single();
		signedIn(other).submit("/therapist/profile", "/therapist/profile/licences/" + licence + "/remove", Map.of());
		assertThat(jdbc.sql("select count(*) from therapist_licence where account_id = :id")
			.param("id", owner.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		signedIn(owner).submit("/therapist/profile", "/therapist/profile/licences/" + licence + "/remove", Map.of());
		assertThat(jdbc.sql("select count(*) from therapist_licence where account_id = :id")
			.param("id", owner.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void clientsCannotEditProfiles() {
		assertThat(client.get("/therapist/profile").status()).isEqualTo(403);
		assertThat(client.submit("/home", "/therapist/profile", profileForm("Me", "VIDEO", "anxiety", "en", true))
			.status()).isEqualTo(403);
	}

	private TestAccount therapistWithProfile(String name, String jurisdiction, LocalDate expiry, String modality,
			String specialty, String language) {
		TestAccount therapist = accounts.therapist(uniqueEmail("therapist"));
		WebSession browser = signedIn(therapist);
		Response licence = browser.submit("/therapist/profile", "/therapist/profile/licences", Map.of("jurisdiction",
				jurisdiction, "licenceType", "LMFT", "number", "L-1", "expiresOn", expiry.toString()));
		assertThat(licence.location()).endsWith("/therapist/profile?licenceAdded");
		Response saved = browser.submit("/therapist/profile", "/therapist/profile",
				profileForm(name, modality, specialty, language, true));
		assertThat(saved.location()).as(saved.body()).endsWith("/therapist/profile?saved");
		return therapist;
	}

	private WebSession signedIn(TestAccount therapist) {
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());
		clock.advance(Duration.ofSeconds(30));
		return browser;
	}

	private static Map<String, String> profileForm(String name, String modality, String specialty, String language,
			boolean published) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("displayName", name);
		form.put("timeZone", "America/Los_Angeles");
		form.put("modalities", modality);
		form.put("specialties", specialty);
		form.put("languages", language);
		form.put("acceptingNewClients", "true");
		form.put("published", Boolean.toString(published));
		return form;
	}

}

package org.haven.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.directory.internal.Profiles;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The directory's "has a free time within N days" filter, answered by scheduling, on the
 * page and the API.
 */
class FreeTimeSearchIntegrationTests extends IntegrationTest {

	static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

	@Autowired
	ApplicationContext context;

	@Autowired
	Profiles profiles;

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
		TestAccount someone = accounts.client(uniqueEmail("free-searcher"));
		client = browser();
		client.signIn(someone.email(), someone.password(), null);
		region = "US-" + Integer.toString(100 + (int) (Math.random() * 46000), 36).toUpperCase();
	}

	@Test
	void onlyTherapistsWithABookableTimeWithinTheDaysAreListed() {
		therapist("Dr. Free").everyDay("09:00", "17:00");
		therapist("Dr. No Hours");
		// One session a week, tomorrow, and it is booked: nothing free for 7 days, next
		// week's within 14.
		TestPractice booked = therapist("Dr. Booked");
		LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), LOS_ANGELES).plusDays(1);
		booked.hours(tomorrow.getDayOfWeek(), "09:00", "09:50");
		FreeSlot only = booked.freeSlots().get(0);
		assertThat(only.startIn(LOS_ANGELES).toLocalDate()).isEqualTo(tomorrow);
		booked.book(clientInCare(booked), only.start(), "VIDEO");

		assertThat(api("")).contains("\"total\":3");
		String week = api("&freeWithinDays=7");
		assertThat(week).contains("\"total\":1")
			.contains("\"freeWithinDays\":7")
			.contains("Dr. Free")
			.doesNotContain("Dr. Booked")
			.doesNotContain("Dr. No Hours");
		assertThat(api("&freeWithinDays=14")).contains("\"total\":2").contains("Dr. Free").contains("Dr. Booked");
		assertThat(api("&freeWithinDays=60")).contains("\"total\":2");

		String page = client.get("/therapists?jurisdiction=" + region + "&freeWithinDays=7").body();
		assertThat(page).contains("1 therapist")
			.contains("With a time free to book in the next 7 days.")
			.contains("Dr. Free")
			.doesNotContain("Dr. Booked")
			.contains("<option value=\"7\" selected=\"selected\">7 days</option>");
		assertThat(client.get("/therapists?jurisdiction=" + region).body()).contains("3 therapists");
	}

	@Test
	void pagesHoldTenMatchesWithAnExactTotalWhenTherapistsAreDroppedBeforePaging() {
		TestAccount admin = accounts.admin(uniqueEmail("free-admin"));
		for (int i = 0; i < 16; i++) {
			TestPractice therapist = therapist("Dr. Page " + (char) ('A' + i));
			if (i % 4 == 1) {
				continue; // B, F, J and N have no weekly times
			}
			therapist.everyDay("08:00", "18:00");
			if (i == 0) {
				accounts.disable(admin, therapist.therapist().id()); // A is
																		// disabled:
																		// listed
																		// nowhere
			}
		}

		// 11 with free time (C D E G H I K L M O P); with B F J N, 15 active in all.
		String free = api("&freeWithinDays=3");
		assertThat(free).contains("\"total\":11");
		assertThat(names(free)).containsExactly("Dr. Page C", "Dr. Page D", "Dr. Page E", "Dr. Page G", "Dr. Page H",
				"Dr. Page I", "Dr. Page K", "Dr. Page L", "Dr. Page M", "Dr. Page O");
		assertThat(names(api("&freeWithinDays=3&page=1"))).containsExactly("Dr. Page P");
		assertThat(names(api("&freeWithinDays=3&page=2"))).isEmpty();
		String all = api("");
		assertThat(all).contains("\"total\":15");
		assertThat(names(all)).hasSize(10).startsWith("Dr. Page B").endsWith("Dr. Page K");
		assertThat(names(api("&page=1"))).containsExactly("Dr. Page L", "Dr. Page M", "Dr. Page N", "Dr. Page O",
				"Dr. Page P");
		// The page's links keep the filter while paging.
		assertThat(client.get("/therapists?jurisdiction=" + region + "&freeWithinDays=3").body())
			.contains("11 therapists")
			.contains("Page 1 of 2")
			.contains("freeWithinDays=3&amp;page=1");
	}

	@Test
	void badDayCountsGetAClearErrorOnThePageAndTheApi() {
		for (String bad : List.of("0", "61", "-3", "seven", "7.5", "99999999999")) {
			Response response = client.get("/api/v1/therapists?jurisdiction=" + region + "&freeWithinDays=" + bad);
			assertThat(response.status()).as(bad).isEqualTo(400);
			assertThat(response.body()).as(bad)
				.contains("\"field\":\"freeWithinDays\"")
				.contains("a whole number of days from 1 to 60");
		}
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region + "&freeWithinDays=1").status())
			.isEqualTo(200);
		// Left empty, as the page's "Any time" sends it: no filter.
		assertThat(client.get("/api/v1/therapists?jurisdiction=" + region + "&freeWithinDays=").status())
			.isEqualTo(200);

		Response page = client.get("/therapists?jurisdiction=" + region + "&freeWithinDays=soon");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("There is a problem")
			.contains("a whole number of days from 1 to 60")
			.contains("aria-describedby=\"freeWithinDays-error\"");
	}

	private TestPractice therapist(String name) {
		TestAccount therapist = accounts.therapist(uniqueEmail("free-therapist"));
		profiles.addLicence(therapist.id(), region, "LMFT", "L-1", LocalDate.now().plusYears(1).toString());
		profiles.save(therapist.id(), new Profiles.ProfileForm(name, null, null, null, null, true,
				"America/Los_Angeles", true, List.of("VIDEO"), List.of(), List.of(), List.of()));
		return TestPractice.of(context, therapist, region).settings(50, 10, 0, 30);
	}

	private UUID clientInCare(TestPractice practice) {
		TestAccount client = accounts.client(uniqueEmail("free-client"));
		TestCare care = practice.care();
		care.startCare(client.id(), practice.therapist().id(),
				IntakeAnswers.video("Worried all the time.", region, "Fresno", "Kim 555 0101"));
		care.publishConsentUnlessPublished(TestCare.CONSENT_BODY);
		care.signConsent(client.id(), "Test Client");
		clock.advance(Duration.ofSeconds(1));
		return client.id();
	}

	private String api(String query) {
		Response response = client.get("/api/v1/therapists?jurisdiction=" + region + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<String> names(String json) {
		return Pattern.compile("\"displayName\":\"([^\"]+)\"").matcher(json).results().map(m -> m.group(1)).toList();
	}

}

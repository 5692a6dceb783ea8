package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.scheduling.internal.Availability;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class AvailabilityIntegrationTests extends IntegrationTest {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Availability availability;

	TestAccount therapist;

	WebSession browser;

	@BeforeEach
	void setUp() {
		therapist = TestAccounts.in(context).therapist(uniqueEmail("available"));
		browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());
		Map<String, String> profile = new LinkedHashMap<>();
		profile.put("displayName", "Dr. Available");
		profile.put("timeZone", "America/New_York");
		profile.put("modalities", "VIDEO");
		assertThat(browser.submit("/therapist/profile", "/therapist/profile", profile).location()).endsWith("?saved");
	}

	@Test
	void weeklyTimesBecomeFreeSlotsShownInTheViewersZone() {
		assertThat(addRule("MONDAY", "09:00", "11:00").location()).endsWith("?ruleAdded");
		save(Map.of("length", "50", "buffer", "10", "minimumNotice", "0", "horizon", "14"));

		WebSession client = clientBrowser();
		ZonedDateTime nextMonday = ZonedDateTime.now(NEW_YORK)
			.plusDays(1)
			.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
			.withHour(9)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		String newYork = text(
				client.get("/therapists/" + therapist.id() + "/times?week=" + nextMonday.toLocalDate()).body());
		assertThat(newYork).contains("Times shown in America/New_York")
			.contains("09:00–09:50")
			.contains("10:00–10:50")
			.contains("Mon " + nextMonday.getDayOfMonth() + " ");
		String london = text(client
			.get("/therapists/" + therapist.id() + "/times?zone=Europe/London&week=" + nextMonday.toLocalDate())
			.body());
		String londonTime = nextMonday.withZoneSameInstant(ZoneId.of("Europe/London")).toLocalTime().toString();
		assertThat(london).contains("Times shown in Europe/London").contains(londonTime + "–");
	}

	@Test
	void clientsSeeAWeekAtATimeAndAreLedPastAnEmptyWeek() {
		addRule("MONDAY", "09:00", "10:00");
		save(Map.of("length", "60", "buffer", "0", "minimumNotice", "0", "horizon", "30"));
		LocalDate first = availability.freeSlots(therapist.id()).get(0).startIn(NEW_YORK).toLocalDate();
		LocalDate second = first.plusWeeks(1);
		assertThat(browser
			.submit("/therapist/availability", "/therapist/availability/days-off", Map.of("dayOff", second.toString()))
			.location()).endsWith("?dayOffAdded");
		WebSession client = clientBrowser();
		String times = "/therapists/" + therapist.id() + "/times";

		// By default the week of the first free time, with a link to the next.
		String page = client.get(times).body();
		assertThat(page).contains("Week of " + LONG_DATE.format(first))
			.contains("href=\"" + times + "?week=" + second + "\"");
		assertThat(text(page)).contains("Book a session with");
		// Any day names its week; the empty week offers the next one with free time.
		String empty = client.get(times + "?week=" + second.plusDays(2) + "&zone=Europe/London").body();
		assertThat(empty).contains("Week of " + LONG_DATE.format(second))
			.contains("No free times in this week.")
			.contains("href=\"" + times + "?week=" + first + "&amp;zone=Europe/London\"")
			.contains("href=\"" + times + "?week=" + second.plusWeeks(1) + "&amp;zone=Europe/London\"")
			.contains("the next with free times");
		// Weeks gone by show the current one; a week not understood is explained.
		assertThat(client.get(times + "?week=2020-01-06").body()).doesNotContain("rel=\"prev\"")
			.doesNotContain("There is a problem");
		assertThat(client.get(times + "?week=someday").body()).contains("There is a problem")
			.contains("That week was not understood")
			.contains("Week of " + LONG_DATE.format(first));
	}

	@Test
	void overlappingAndBackwardsTimesAreRefusedAndNothingIsStored() {
		addRule("TUESDAY", "09:00", "12:00");
		Response overlap = addRule("TUESDAY", "11:00", "13:00");
		assertThat(overlap.status()).isEqualTo(200);
		assertThat(overlap.body()).contains("overlap");
		assertThat(addRule("TUESDAY", "15:00", "14:00").body()).contains("must be after the start");
		assertThat(addRule("FUNDAY", "09:00", "10:00").body()).contains("Choose a day of the week.");
		assertThat(addRule("WEDNESDAY", "nine", "10:00").body()).contains("Enter the time as HH:MM");
		assertThat(jdbc.sql("select count(*) from availability_rule where therapist_id = :id")
			.param("id", therapist.id())
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void badSessionSettingsAreExplainedAndTheOldOnesKept() {
		Response tooShort = save(Map.of("length", "5", "buffer", "10", "minimumNotice", "24", "horizon", "60"));
		assertThat(tooShort.status()).isEqualTo(200);
		assertThat(tooShort.body()).contains("The session length must be between");
		assertThat(save(Map.of("length", "fifty", "buffer", "10", "minimumNotice", "24", "horizon", "60")).body())
			.contains("Enter a whole number.");
		assertThat(jdbc.sql("select count(*) from availability_settings where therapist_id = :id")
			.param("id", therapist.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aDayOffRemovesThatDaysSlots() {
		LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
		addRule(tomorrow.getDayOfWeek().name(), "09:00", "10:00");
		save(Map.of("length", "60", "buffer", "0", "minimumNotice", "0", "horizon", "2"));
		WebSession client = clientBrowser();
		assertThat(text(client.get("/therapists/" + therapist.id() + "/times").body())).contains("09:00–10:00");
		assertThat(browser
			.submit("/therapist/availability", "/therapist/availability/days-off",
					Map.of("dayOff", tomorrow.toString()))
			.location()).endsWith("?dayOffAdded");
		assertThat(text(client.get("/therapists/" + therapist.id() + "/times").body()))
			.contains("No free time at the moment.");
		assertThat(browser
			.submit("/therapist/availability", "/therapist/availability/days-off", Map.of("dayOff", "someday"))
			.body()).contains("Enter the date as YYYY-MM-DD.");
	}

	@Test
	void timeOffRemovesTheSlotsItOverlapsUntilItIsRemoved() {
		LocalDate tomorrow = LocalDate.now(NEW_YORK).plusDays(1);
		addRule(tomorrow.getDayOfWeek().name(), "09:00", "12:00");
		save(Map.of("length", "50", "buffer", "10", "minimumNotice", "0", "horizon", "2"));
		WebSession client = clientBrowser();
		assertThat(text(client.get("/therapists/" + therapist.id() + "/times").body())).contains("09:00–09:50",
				"10:00–10:50", "11:00–11:50");

		assertThat(addTimeOff(tomorrow.toString(), "10:00", "11:00", "Dentist").location()).endsWith("?timeOffAdded");
		// Touching it is fine: no buffer around time off, so only the 10:00 session goes.
		assertThat(text(client.get("/therapists/" + therapist.id() + "/times").body()))
			.contains("09:00–09:50", "11:00–11:50")
			.doesNotContain("10:00–10:50");
		assertThat(availability.freeSlots(therapist.id())).hasSize(2);
		String page = browser.get("/therapist/availability").body();
		assertThat(page).contains(tomorrow + " 10:00-11:00").contains("(Dentist)");

		// Another therapist cannot remove it; its owner can.
		String id = jdbc.sql("select id from availability_time_off where therapist_id = :id")
			.param("id", therapist.id())
			.query(String.class)
			.single();
		TestAccount other = TestAccounts.in(context).therapist(uniqueEmail("other"));
		WebSession otherBrowser = browser();
		otherBrowser.signIn(other.email(), other.password(), other.code());
		otherBrowser.submit("/therapist/availability", "/therapist/availability/time-off/" + id + "/remove", Map.of());
		assertThat(timeOffCount()).isOne();
		assertThat(browser
			.submit("/therapist/availability", "/therapist/availability/time-off/" + id + "/remove", Map.of())
			.location()).endsWith("?timeOffRemoved");
		assertThat(timeOffCount()).isZero();
		assertThat(text(client.get("/therapists/" + therapist.id() + "/times").body())).contains("10:00–10:50");
	}

	@Test
	void badTimeOffIsExplainedAndNothingIsStored() {
		// Noon in New York, so that the morning has passed and the evening has not,
		// whenever the test runs.
		ZonedDateTime noon = ZonedDateTime.now(clock)
			.withZoneSameInstant(NEW_YORK)
			.plusDays(1)
			.withHour(12)
			.withMinute(0)
			.withSecond(0)
			.withNano(0);
		clock.advance(Duration.between(clock.instant(), noon.toInstant()));
		browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());
		String today = noon.toLocalDate().toString();

		assertThat(addTimeOff("someday", "13:00", "17:00", "").body()).contains("Enter the date as YYYY-MM-DD.");
		assertThat(addTimeOff(today, "one", "17:00", "").body()).contains("Enter the time as HH:MM");
		Response backwards = addTimeOff(today, "17:00", "13:00", "Holiday");
		assertThat(backwards.status()).isEqualTo(200);
		assertThat(backwards.body()).contains("The end 13:00 must be after the start 17:00")
			.contains("value=\"Holiday\"");
		assertThat(addTimeOff("2020-12-24", "13:00", "17:00", "").body()).contains("That day is in the past.");
		assertThat(addTimeOff(today, "08:00", "11:00", "").body()).contains("That time has passed already.");
		assertThat(addTimeOff(today, "13:00", "17:00", "x".repeat(81)).body()).contains("Use at most 80 characters");
		assertThat(addTimeOff(today, "13:00", "17:00", "Holi\u202Eday").body())
			.contains("Remove control or invisible formatting");

		ZoneOffsetTransition gap = NEW_YORK.getRules().nextTransition(clock.instant());
		while (!gap.isGap()) {
			gap = NEW_YORK.getRules().nextTransition(gap.getInstant());
		}
		String inGap = gap.getDateTimeBefore().toLocalTime().plusMinutes(30).toString();
		assertThat(addTimeOff(gap.getDateTimeBefore().toLocalDate().toString(), inGap, "04:00", "").body())
			.contains("go from 02:00 straight to 03:00, so " + inGap + " does not happen");
		assertThat(timeOffCount()).isZero();

		// The rest of today is fine, and entering it twice keeps one.
		assertThat(addTimeOff(today, "11:00", "17:00", "").location()).endsWith("?timeOffAdded");
		assertThat(addTimeOff(today, "11:00", "17:00", "Again").location()).endsWith("?timeOffAdded");
		assertThat(timeOffCount()).isOne();
	}

	@Test
	void anUnknownViewerZoneIsExplained() {
		addRule("MONDAY", "09:00", "10:00");
		String page = clientBrowser().get("/therapists/" + therapist.id() + "/times?zone=Mars/Olympus").body();
		assertThat(page).contains("There is a problem")
			.contains("is not a time zone region")
			.contains("id=\"zone-error\"")
			.contains("value=\"Mars/Olympus\"")
			.contains("Times shown in America/New_York");
	}

	@Test
	void clientsCannotChangeAvailability() {
		WebSession client = clientBrowser();
		assertThat(client.get("/therapist/availability").status()).isEqualTo(403);
		client.get("/home");
		assertThat(
				client.post("/therapist/availability/rules", Map.of("day", "MONDAY", "start", "01:00", "end", "02:00"))
					.status())
			.isEqualTo(403);
	}

	private Response addRule(String day, String start, String end) {
		return browser.submit("/therapist/availability", "/therapist/availability/rules",
				Map.of("day", day, "start", start, "end", end));
	}

	private Response addTimeOff(String date, String from, String until, String label) {
		return browser.submit("/therapist/availability", "/therapist/availability/time-off",
				Map.of("timeOffDate", date, "timeOffFrom", from, "timeOffUntil", until, "timeOffLabel", label));
	}

	private int timeOffCount() {
		return jdbc.sql("select count(*) from availability_time_off where therapist_id = :id")
			.param("id", therapist.id())
			.query(Integer.class)
			.single();
	}

	private Response save(Map<String, String> settings) {
		return browser.submit("/therapist/availability", "/therapist/availability/settings", settings);
	}

	/**
	 * A page's text without its tags: a time is "09:00" and, for screen readers,
	 * "–09:50".
	 */
	private static String text(String html) {
		return html.replaceAll("<[^>]+>", "");
	}

	private WebSession clientBrowser() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("viewer"));
		WebSession session = browser();
		session.signIn(client.email(), client.password(), null);
		clock.advance(Duration.ofSeconds(1));
		return session;
	}

}

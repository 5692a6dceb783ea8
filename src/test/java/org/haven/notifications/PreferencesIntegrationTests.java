package org.haven.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.notifications.internal.Preferences;
import org.haven.notifications.internal.QuietHours;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The preferences form: message mails and quiet hours are saved and audited, and every
 * bad input is refused with its reason.
 */
class PreferencesIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	Preferences preferences;

	@Autowired
	JdbcClient jdbc;

	TestAccount client;

	WebSession browser;

	@BeforeEach
	void signIn() {
		client = TestAccounts.in(context).client(uniqueEmail("preferences-client"));
		browser = browser();
		browser.signIn(client.email(), client.password(), null);
	}

	@Test
	void messageMailsAreOnUntilTurnedOffAndQuietHoursAreSavedAndAudited() {
		String page = browser.get("/account/notifications").body();
		assertThat(page).contains("Email me when a message or letter is waiting unread")
			.containsPattern("id=\"emailUnread\"[^>]*checked");
		assertThat(preferences.of(client.id()).emailUnread()).isTrue();

		assertThat(save(
				Map.of("emailNotices", "true", "timeZone", "Europe/Berlin", "quietFrom", "21:00", "quietTo", "08:00"))
			.location()).endsWith("/account/notifications?saved");
		Preferences.Choice choice = preferences.of(client.id());
		assertThat(choice.emailUnread()).isFalse();
		assertThat(choice.quietHours()).isEqualTo(new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0)));
		page = browser.get("/account/notifications").body();
		assertThat(page).contains("value=\"21:00\"")
			.contains("value=\"08:00\"")
			.doesNotContainPattern("id=\"emailUnread\"[^>]*checked");
		assertThat(audited()).isEqualTo(1);

		assertThat(save(Map.of("emailUnread", "true", "timeZone", "Europe/Berlin")).location()).endsWith("?saved");
		assertThat(preferences.of(client.id()).quietHours()).as("both empty: no quiet hours").isNull();
		assertThat(preferences.of(client.id()).emailUnread()).isTrue();
		assertThat(audited()).isEqualTo(2);
	}

	@Test
	void badQuietHoursAreRefusedFieldByFieldAndChangeNothing() {
		save(Map.of("emailUnread", "true", "timeZone", "America/Chicago", "quietFrom", "22:30", "quietTo", "07:00"));
		record Case(Map<String, String> form, String field, String message) {
		}
		for (Case bad : List.of(
				new Case(Map.of("timeZone", "Europe/Berlin", "quietFrom", "21:00"), "quietTo",
						"Enter when quiet hours end"),
				new Case(Map.of("timeZone", "Europe/Berlin", "quietTo", "08:00"), "quietFrom",
						"Enter when quiet hours start"),
				new Case(Map.of("timeZone", "Europe/Berlin", "quietFrom", "21:00", "quietTo", "21:00"), "quietTo",
						"different times"),
				new Case(Map.of("timeZone", "Europe/Berlin", "quietFrom", "9pm", "quietTo", "08:00"), "quietFrom",
						"Enter a time as hours and minutes"),
				new Case(Map.of("timeZone", "Europe/Berlin", "quietFrom", "21:00", "quietTo", "25:00"), "quietTo",
						"Enter a time as hours and minutes"),
				new Case(Map.of("timeZone", "Europe/Berlin", "quietFrom", "21:00", "quietTo", "x".repeat(300)),
						"quietTo", "Enter a time"),
				new Case(Map.of("quietFrom", "21:00", "quietTo", "08:00"), "timeZone",
						"Enter your time zone, so that quiet hours follow"))) {
			String page = save(bad.form()).body();
			assertThat(page).as(bad.toString())
				.contains("There is a problem")
				.contains(bad.message())
				.contains("href=\"#" + bad.field() + "\"")
				.contains("id=\"" + bad.field() + "-error\"");
		}
		String both = save(Map.of("timeZone", "Mars/Olympus", "quietFrom", "nine", "quietTo", "08:00")).body();
		assertThat(both).contains("Unknown time zone")
			.contains("Enter a time as hours and minutes")
			.contains("value=\"nine\"");

		Preferences.Choice unchanged = preferences.of(client.id());
		assertThat(unchanged.emailUnread()).isTrue();
		assertThat(unchanged.timeZone().getId()).isEqualTo("America/Chicago");
		assertThat(unchanged.quietHours()).isEqualTo(new QuietHours(LocalTime.of(22, 30), LocalTime.of(7, 0)));
		assertThat(audited()).isEqualTo(1);
	}

	private WebSession.Response save(Map<String, String> form) {
		browser.get("/account/notifications");
		return browser.post("/account/notifications", form);
	}

	private long audited() {
		return jdbc
			.sql("select count(*) from audit_entry where action = 'NOTIFICATION_PREFERENCES_CHANGED' and subject = :s")
			.param("s", "account:" + client.id())
			.query(Long.class)
			.single();
	}

}

package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.CalendarRules;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/**
 * The private calendar feed, as a calendar application sees it: fetched without a
 * session, by the link shown once on /calendar-feed, carrying only "Haven session", times
 * and the join link.
 */
class CalendarFeedIntegrationTests extends IntegrationTest {

	private static final Pattern LINK = Pattern
		.compile("value=\"http://localhost(/calendar/([A-Za-z0-9_-]{43})\\.ics)\"");

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Bookings bookings;

	@Autowired
	AuditTrail audit;

	TestPractice practice;

	@BeforeEach
	void openPractice() {
		practice = TestPractice.open(context, uniqueEmail("feed-therapist"));
	}

	@Test
	void aClientsFeedHasExactlyTheirSessionsAsHavenSessionsWithTheJoinLinkAndNothingElse() {
		TestAccount client = practice.clientInCare(uniqueEmail("feed-client"), true);
		TestAccount other = practice.clientInCare(uniqueEmail("feed-other"), true);
		FreeSlot first = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(24)));
		UUID booked = practice.book(client, first, "VIDEO");
		FreeSlot second = practice.freeSlotAfter(first.start());
		UUID cancelled = practice.book(client, second, "AUDIO");
		assertThat(bookings.cancel(client.id(), cancelled)).isPresent();
		practice.book(other, practice.freeSlotAfter(second.start()), "VIDEO");

		WebSession browser = signedIn(client);
		assertThat(browser.get("/calendar-feed").body()).contains("Create my calendar link")
			.doesNotContain("/calendar/");
		Response created = browser.post("/calendar-feed", Map.of());
		assertThat(created.status()).isEqualTo(302);
		assertThat(created.location()).endsWith("/calendar-feed").doesNotContain("/calendar/");
		String page = browser.get("/calendar-feed").body();
		assertThat(page).contains("Keep this link to yourself", "Google Calendar", "Apple Calendar", "Outlook",
				"Make a new link", "Turn the link off");
		String token = token(page);
		assertThat(browser.get("/calendar-feed").body()).as("the link is shown once")
			.doesNotContain(token)
			.contains("shown only once");

		Feed feed = fetch(token);
		assertThat(feed.status()).isEqualTo(200);
		assertThat(feed.header("Content-Type")).isEqualToIgnoringCase("text/calendar;charset=UTF-8");
		assertThat(feed.header("Cache-Control")).isEqualTo("max-age=900, private");
		assertThat(feed.header("X-Robots-Tag")).isEqualTo("noindex");
		assertThat(feed.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(feed.header("Set-Cookie")).as("no session for a calendar application").isNull();

		Calendar calendar = feed.calendar();
		assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("PUBLISH");
		List<VEvent> events = calendar.getComponents(Component.VEVENT);
		assertThat(events).extracting(e -> value(e, Property.UID))
			.containsExactlyInAnyOrder(booked + "@localhost", cancelled + "@localhost");
		assertThat(events).allSatisfy(e -> {
			assertThat(value(e, Property.SUMMARY)).isEqualTo("Haven session");
			assertThat(e.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
				.isEqualTo("America/New_York");
		});
		VEvent bookedEvent = event(events, booked);
		assertThat(value(bookedEvent, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(value(bookedEvent, Property.URL)).isEqualTo("http://localhost/appointments/" + booked);
		assertThat(value(event(events, cancelled), Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(feed.body()).doesNotContain("Dr. Practice", TestPractice.INTAKE_REASON, "Test client",
				"Test therapist", "VIDEO", "AUDIO", client.email());

		assertThat(jdbc.sql("select token_hash from calendar_feed where account_id = ?")
			.param(client.id())
			.query(String.class)
			.single()).isEqualTo(sha256(token));
		assertThat(jdbc.sql("select count(*) from calendar_feed where token_hash like ?")
			.param("%" + token + "%")
			.query(Long.class)
			.single()).as("the token itself is stored nowhere").isZero();
		assertThat(jdbc.sql("select last_fetched_at from calendar_feed where account_id = ?")
			.param(client.id())
			.query(OffsetDateTime.class)
			.single()).isNotNull();
	}

	@Test
	void aNewLinkStopsTheOldOneAtOnceAndTurningItOffStopsTheFeed() {
		TestAccount client = practice.clientInCare(uniqueEmail("feed-replace"), true);
		WebSession browser = signedIn(client);
		String old = create(browser);
		assertThat(fetch(old).status()).isEqualTo(200);
		assertThat(browser.get("/calendar-feed").body()).contains("A calendar last fetched it");

		String renewed = create(browser);
		assertThat(renewed).isNotEqualTo(old);
		assertThat(fetch(old).status()).isEqualTo(404);
		assertThat(fetch(renewed).status()).isEqualTo(200);

		int fetchesAudited = auditActions(client).size();
		fetch(renewed);
		fetch(renewed);
		assertThat(auditActions(client)).as("fetches are not audited").hasSize(fetchesAudited);

		browser.get("/calendar-feed");
		Response off = browser.post("/calendar-feed/revoke", Map.of());
		assertThat(off.location()).endsWith("/calendar-feed?turnedOff");
		assertThat(fetch(renewed).status()).isEqualTo(404);
		assertThat(browser.get("/calendar-feed").body()).contains("Create my calendar link");
		assertThat(auditActions(client)).containsSubsequence("CALENDAR_FEED_REVOKED", "CALENDAR_FEED_REPLACED",
				"CALENDAR_FEED_CREATED");
	}

	@Test
	void unknownRevokedAndMalformedTokensGetTheSameEmptyNotFound() {
		WebSession browser = signedIn(practice.clientInCare(uniqueEmail("feed-revoked"), true));
		String revoked = create(browser);
		browser.get("/calendar-feed");
		browser.post("/calendar-feed/revoke", Map.of());

		Feed unknown = fetch("A".repeat(43));
		for (Feed feed : List.of(unknown, fetch(revoked), fetch("not-a-token"), fetch("A".repeat(44)),
				fetch("A".repeat(42) + "!"))) {
			assertThat(feed.status()).isEqualTo(404);
			assertThat(feed.body()).isEqualTo(unknown.body()).isEmpty();
			assertThat(feed.header("Content-Type")).isEqualTo(unknown.header("Content-Type"));
		}
	}

	@Test
	void aTherapistsFeedHasTheSessionsOfTheirCaseload() {
		TestAccount first = practice.clientInCare(uniqueEmail("feed-caseload"), true);
		TestAccount second = practice.clientInCare(uniqueEmail("feed-caseload"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofHours(24)));
		UUID one = practice.book(first, slot, "VIDEO");
		UUID two = practice.book(second, practice.freeSlotAfter(slot.start()), "AUDIO");

		TestAccount therapist = practice.therapist();
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());
		String token = create(browser);

		Feed feed = fetch(token);
		List<VEvent> events = feed.calendar().getComponents(Component.VEVENT);
		assertThat(events).extracting(e -> value(e, Property.UID))
			.containsExactlyInAnyOrder(one + "@localhost", two + "@localhost");
		assertThat(feed.body()).doesNotContain(TestPractice.INTAKE_REASON, "Test client", "Dr. Practice");
	}

	@Test
	void aDisabledAccountsFeedIsNotFoundUntilItIsEnabledAgain() {
		TestAccount client = practice.clientInCare(uniqueEmail("feed-disabled"), true);
		String token = create(signedIn(client));
		assertThat(fetch(token).status()).isEqualTo(200);

		TestAccount admin = TestAccounts.in(context).admin(uniqueEmail("feed-admin"));
		WebSession adminBrowser = browser();
		adminBrowser.signIn(admin.email(), admin.password(), admin.code());
		String status = "/admin/users/" + client.id() + "/status";
		assertThat(adminBrowser.submit("/admin/users", status, Map.of("enabled", "false")).location())
			.endsWith("?updated");
		assertThat(fetch(token).status()).isEqualTo(404);

		adminBrowser.submit("/admin/users", status, Map.of("enabled", "true"));
		assertThat(fetch(token).status()).isEqualTo(200);
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

	/**
	 * Presses "Create my calendar link" or "Make a new link" and reads the link shown
	 * once.
	 */
	private static String create(WebSession browser) {
		browser.get("/calendar-feed");
		assertThat(browser.post("/calendar-feed", Map.of()).location()).endsWith("/calendar-feed");
		return token(browser.get("/calendar-feed").body());
	}

	private static String token(String page) {
		Matcher link = LINK.matcher(page);
		assertThat(link.find()).as("the page shows the new link").isTrue();
		return link.group(2);
	}

	/** As a calendar application fetches it: no cookies, no session. */
	private Feed fetch(String token) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/calendar/" + token + ".ics"))
					.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Feed(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<String> auditActions(TestAccount account) {
		return audit.about(AuditTrail.account(account.id()), 100)
			.stream()
			.map(AuditEntry::action)
			.filter(action -> action.startsWith("CALENDAR_FEED"))
			.toList();
	}

	private static VEvent event(List<VEvent> events, UUID appointment) {
		return events.stream()
			.filter(e -> value(e, Property.UID).equals(appointment + "@localhost"))
			.findFirst()
			.orElseThrow();
	}

	private static String value(VEvent event, String property) {
		return event.getProperty(property).orElseThrow().getValue();
	}

	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Feed(int status, Map<String, List<String>> headers, String body) {

		String header(String name) {
			return WebSession.header(headers, name);
		}

		/**
		 * The feed, checked by {@link CalendarRules}: valid, folded, one DTSTAMP per
		 * event.
		 */
		Calendar calendar() {
			return CalendarRules.check(body);
		}
	}

}

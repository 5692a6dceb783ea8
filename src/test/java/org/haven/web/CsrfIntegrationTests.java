package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestImages;
import org.haven.support.WebSession;
import org.haven.support.WebSession.FilePart;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every form that changes something needs the CSRF token of its page: without it the
 * request is refused with 403 and nothing changes; the same request with the token from
 * the page does what it says.
 */
class CsrfIntegrationTests extends IntegrationTest {

	private static final String NEW_PASSWORD = "violet harbour kettle drum";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void signingIn() {
		TestAccount client = accounts.client(uniqueEmail("csrf-login"));
		WebSession browser = browser();
		browser.get("/login");
		Map<String, String> form = Map.of("email", client.email(), "password", client.password());

		assertRefused(browser.postRaw("/login", form));
		// As an API client asks (a plain GET would be remembered as the page to return to
		// after signing in).
		assertThat(browser.get("/api/v1/me", Map.of("Accept", "application/json")).status())
			.as("signed in without a token")
			.isEqualTo(401);

		assertRedirect(browser.submit("/login", "/login", form), "/home");
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void secondFactor() {
		TestAccount therapist = accounts.therapist(uniqueEmail("csrf-2fa"));
		WebSession browser = browser();
		assertRedirect(browser.signIn(therapist.email(), therapist.password()), "/login/2fa");
		String code = therapist.code();

		assertRefused(browser.postRaw("/login/2fa", Map.of("code", code)));
		assertThat(browser.get("/api/v1/me").status()).as("signed in without a token").isEqualTo(403);

		// The refused request did not use the code up: it still works with the token.
		assertRedirect(browser.submit("/login/2fa", "/login/2fa", Map.of("code", code)), "/home");
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
	}

	@Test
	void registering() {
		String email = uniqueEmail("csrf-register");
		Map<String, String> form = Map.of("email", email, "displayName", "Robin", "password", NEW_PASSWORD,
				"confirmation", NEW_PASSWORD);
		WebSession browser = browser();
		browser.get("/register");

		assertRefused(browser.postRaw("/register", form));
		assertThat(count("select count(*) from account where email = ?", email)).isZero();

		assertRedirect(browser.submit("/register", "/register", form), "/register/sent");
		assertThat(count("select count(*) from account where email = ?", email)).isOne();
	}

	@Test
	void askingForAPasswordReset() {
		TestAccount client = accounts.client(uniqueEmail("csrf-reset"));
		String resetTokens = "select count(*) from account_token where purpose = 'RESET_PASSWORD' and account_id = ?";
		WebSession browser = browser();
		browser.get("/password-reset");

		assertRefused(browser.postRaw("/password-reset", Map.of("email", client.email())));
		assertThat(count(resetTokens, client.id())).isZero();

		assertRedirect(browser.submit("/password-reset", "/password-reset", Map.of("email", client.email())),
				"/password-reset/sent");
		assertThat(count(resetTokens, client.id())).isOne();
	}

	@Test
	void renaming() {
		TestAccount client = accounts.client(uniqueEmail("csrf-name"));
		WebSession browser = signedIn(client);

		assertRefused(browser.postRaw("/account/name", Map.of("displayName", "Mallory")));
		assertThat(column("display_name", client.id())).isEqualTo("Test client");

		assertRedirect(browser.submit("/account", "/account/name", Map.of("displayName", "Robin")),
				"/account?nameChanged");
		assertThat(column("display_name", client.id())).isEqualTo("Robin");
	}

	@Test
	void changingThePassword() {
		TestAccount client = accounts.client(uniqueEmail("csrf-password"));
		WebSession browser = signedIn(client);
		String hash = column("password_hash", client.id());
		Map<String, String> form = Map.of("current", client.password(), "password", NEW_PASSWORD, "confirmation",
				NEW_PASSWORD);

		assertRefused(browser.postRaw("/account/password", form));
		assertThat(column("password_hash", client.id())).isEqualTo(hash);

		assertRedirect(browser.submit("/account", "/account/password", form), "/account?passwordChanged");
		assertThat(column("password_hash", client.id())).isNotEqualTo(hash);
	}

	@Test
	void signingOut() {
		WebSession browser = signedIn(accounts.client(uniqueEmail("csrf-logout")));

		assertRefused(browser.postRaw("/logout", Map.of()));
		assertThat(browser.get("/api/v1/me").status()).as("signed out without a token").isEqualTo(200);

		assertRedirect(browser.submit("/home", "/logout", Map.of()), "/login?signedOut");
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void invitingATherapist() {
		TestAccount admin = accounts.admin(uniqueEmail("csrf-admin"));
		WebSession browser = signedIn(admin);
		String email = uniqueEmail("csrf-invited");
		Map<String, String> form = Map.of("email", email, "role", "THERAPIST");

		assertRefused(browser.postRaw("/admin/invitations", form));
		assertThat(count("select count(*) from invitation where email = ?", email)).isZero();

		assertRedirect(browser.submit("/admin/invitations", "/admin/invitations", form), "/admin/invitations?sent");
		assertThat(count("select count(*) from invitation where email = ?", email)).isOne();
	}

	/** A file upload carries its token in the multipart form like any other field. */
	@Test
	void uploadingAndRemovingAProfilePhoto() {
		TestAccount therapist = accounts.therapist(uniqueEmail("csrf-photo"));
		WebSession browser = signedIn(therapist);
		FilePart photo = new FilePart("photo", "me.png", "image/png", TestImages.png(40, 40));
		String photos = "select count(*) from therapist_photo where account_id = ?";

		browser.get("/therapist/profile");
		assertRefused(browser.postMultipart("/therapist/profile/photo", Map.of("_csrf", "not-the-token"), photo));
		assertThat(count(photos, therapist.id())).isZero();

		browser.get("/therapist/profile");
		assertRedirect(browser.postMultipart("/therapist/profile/photo", Map.of(), photo),
				"/therapist/profile?photoSaved");
		assertThat(count(photos, therapist.id())).isOne();

		assertRefused(browser.postRaw("/therapist/profile/photo/delete", Map.of()));
		assertThat(count(photos, therapist.id())).isOne();

		assertRedirect(browser.submit("/therapist/profile", "/therapist/profile/photo/delete", Map.of()),
				"/therapist/profile?photoRemoved");
		assertThat(count(photos, therapist.id())).isZero();
	}

	@Test
	void makingAndTurningOffACalendarLink() {
		TestAccount client = accounts.client(uniqueEmail("csrf-feed"));
		WebSession browser = signedIn(client);
		String feeds = "select count(*) from calendar_feed where account_id = ?";

		assertRefused(browser.postRaw("/calendar-feed", Map.of()));
		assertThat(count(feeds, client.id())).isZero();

		assertRedirect(browser.submit("/calendar-feed", "/calendar-feed", Map.of()), "/calendar-feed");
		assertThat(count(feeds, client.id())).isOne();
		String hash = jdbc.sql("select token_hash from calendar_feed where account_id = ?")
			.param(client.id())
			.query(String.class)
			.single();

		assertRefused(browser.postRaw("/calendar-feed", Map.of()));
		assertRefused(browser.postRaw("/calendar-feed/revoke", Map.of()));
		assertThat(jdbc.sql("select token_hash from calendar_feed where account_id = ?")
			.param(client.id())
			.query(String.class)
			.single()).as("neither replaced nor turned off").isEqualTo(hash);

		assertRedirect(browser.submit("/calendar-feed", "/calendar-feed/revoke", Map.of()), "/calendar-feed?turnedOff");
		assertThat(count(feeds, client.id())).isZero();
	}

	/**
	 * The idle-timeout warning's "stay signed in": only a request with the token counts
	 * as activity.
	 */
	@Test
	void stayingSignedIn() {
		WebSession refused = signedIn(accounts.client(uniqueEmail("csrf-keepalive")));
		clock.advance(Duration.ofMinutes(14));
		assertRefused(refused.postRaw("/session/keepalive", Map.of()));
		clock.advance(Duration.ofMinutes(2));
		assertThat(refused.get("/api/v1/me").status()).as("16 minutes idle, after a refused keep-alive").isEqualTo(401);

		clock.reset();
		WebSession kept = signedIn(accounts.client(uniqueEmail("csrf-keepalive")));
		kept.get("/home");
		clock.advance(Duration.ofMinutes(14));
		assertThat(kept.post("/session/keepalive", Map.of()).status()).isEqualTo(204);
		clock.advance(Duration.ofMinutes(2));
		assertThat(kept.get("/api/v1/me").status()).as("2 minutes after a keep-alive").isEqualTo(200);
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

	private static void assertRefused(Response response) {
		assertThat(response.status()).as("without a CSRF token: %s %s", response.status(), response.location())
			.isEqualTo(403);
	}

	private static void assertRedirect(Response response, String pathAndQuery) {
		assertThat(response.status()).as("with the token from the page").isEqualTo(302);
		assertThat(AccessControlIntegrationTests.pathAndQuery(response.location())).isEqualTo(pathAndQuery);
	}

	private long count(String sql, Object parameter) {
		return jdbc.sql(sql).param(parameter).query(Long.class).single();
	}

	private String column(String name, UUID account) {
		return jdbc.sql("select " + name + " from account where id = ?").param(account).query(String.class).single();
	}

}

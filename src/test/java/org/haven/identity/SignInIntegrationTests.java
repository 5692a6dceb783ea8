package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.haven.identity.internal.TestAccounts;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class SignInIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void therapistSignsInWithPasswordAndTotpAndGetsNewSessionIdsOnTheWay() {
		TestAccount therapist = accounts.therapist(uniqueEmail("therapist"));
		WebSession browser = browser();
		browser.get("/login");
		String anonymousSession = browser.sessionId();

		Response afterPassword = browser.signIn(therapist.email(), therapist.password());
		assertThat(afterPassword.status()).isEqualTo(302);
		assertThat(afterPassword.location()).endsWith("/login/2fa");
		String halfwaySession = browser.sessionId();
		assertThat(halfwaySession).isNotNull().isNotEqualTo(anonymousSession);

		// Half-way through, nothing but the challenge opens.
		assertThat(browser.get("/home").location()).endsWith("/login/2fa");
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(403);

		Response afterCode = browser.submit("/login/2fa", "/login/2fa", Map.of("code", therapist.code()));
		assertThat(afterCode.location()).endsWith("/home");
		assertThat(browser.sessionId()).isNotEqualTo(halfwaySession);
		assertThat(browser.get("/home").body()).contains("Your practice");
	}

	@Test
	void aTotpCodeIsAcceptedOnlyOnce() {
		TestAccount therapist = accounts.therapist(uniqueEmail("replay"));
		String code = therapist.code();
		browser().signIn(therapist.email(), therapist.password(), code);

		WebSession attacker = browser();
		attacker.signIn(therapist.email(), therapist.password());
		Response replay = attacker.submit("/login/2fa", "/login/2fa", Map.of("code", code));
		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.body()).contains("That code did not work");
	}

	@Test
	void signingInReturnsToThePageAskedForButNeverToAnApiAddress() {
		TestAccount client = accounts.client(uniqueEmail("return"));
		WebSession browser = browser();
		assertThat(browser.get("/account").location()).endsWith("/login");
		assertThat(browser.signIn(client.email(), client.password()).location()).contains("/account");

		WebSession api = browser();
		assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(api.signIn(client.email(), client.password()).location()).endsWith("/home");
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() {
		Response login = browser().get("/login");
		assertThat(login.header("Set-Cookie")).contains("HAVEN_SESSION=").contains("HttpOnly").contains("SameSite=Lax")
			.doesNotContain("Secure");
	}

	@Test
	void behindATlsProxyTheSessionCookieIsSecure() {
		Response login = browser().get("/login", java.util.Map.of("X-Forwarded-Proto", "https"));
		assertThat(login.header("Set-Cookie")).contains("HAVEN_SESSION=").contains("Secure").contains("HttpOnly");
	}

	@Test
	void idleSessionEndsAfterFifteenMinutes() {
		TestAccount client = accounts.client(uniqueEmail("idle"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		assertThat(browser.get("/home").status()).isEqualTo(200);

		clock.advance(Duration.ofMinutes(14));
		assertThat(browser.get("/home").status()).as("activity within 15 minutes keeps the session").isEqualTo(200);

		clock.advance(Duration.ofMinutes(15));
		Response expired = browser.get("/home");
		assertThat(expired.status()).isEqualTo(302);
		assertThat(expired.location()).endsWith("/login?timeout");
		Response after = browser.get("/home");
		assertThat(after.location()).as(after.status() + " " + after.body()).endsWith("/login");
	}

	@Test
	void sessionEndsAfterTwelveHoursEvenWhenActive() {
		TestAccount client = accounts.client(uniqueEmail("absolute"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		for (int i = 0; i < 71; i++) {
			clock.advance(Duration.ofMinutes(10));
			assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
		}
		clock.advance(Duration.ofMinutes(10));
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void signOutEverywhereEndsEverySessionOfTheAccount() {
		TestAccount client = accounts.client(uniqueEmail("everywhere"));
		WebSession laptop = browser();
		WebSession phone = browser();
		laptop.signIn(client.email(), client.password(), null);
		phone.signIn(client.email(), client.password(), null);
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(200);

		Response out = laptop.submit("/account", "/account/sign-out-everywhere", Map.of());
		assertThat(out.location()).endsWith("/login?signedOutEverywhere");
		assertThat(phone.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(laptop.get("/api/v1/me").status()).isEqualTo(401);
	}
}

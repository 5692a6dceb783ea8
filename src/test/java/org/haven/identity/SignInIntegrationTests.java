package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class SignInIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

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
		assertThat(login.header("Set-Cookie")).contains("HAVEN_SESSION=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContain("Secure");
	}

	@Test
	void behindATlsProxyTheSessionCookieIsSecure() {
		Response login = browser().get("/login", Map.of("X-Forwarded-Proto", "https"));
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

	/**
	 * Two sign-ins of one therapist send the same code at the same moment. The account's
	 * row is held while both requests reach the point of recording the code's time step,
	 * so that both have read the account before either writes: exactly one is signed in,
	 * the other is told the code did not work, none fails.
	 */
	@Test
	void twoSignInsSendingTheirCodeAtOnceNeverFail() throws Exception {
		TestAccount therapist = accounts.therapist(uniqueEmail("twice"));
		WebSession laptop = browser();
		WebSession phone = browser();
		for (WebSession device : List.of(laptop, phone)) {
			assertThat(device.signIn(therapist.email(), therapist.password()).location()).endsWith("/login/2fa");
			assertThat(device.get("/login/2fa").status()).isEqualTo(200);
		}
		String code = therapist.code();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		List<Future<Response>> answers;
		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement("select id from account where id = ? for update")) {
				lock.setObject(1, therapist.id());
				lock.executeQuery().close();
			}
			answers = List.of(threads.submit(() -> laptop.post("/login/2fa", Map.of("code", code))),
					threads.submit(() -> phone.post("/login/2fa", Map.of("code", code))));
			Awaitility.await()
				.atMost(Duration.ofSeconds(20))
				.until(() -> jdbc.sql("""
						select count(*) from pg_stat_activity
						where wait_event_type = 'Lock' and query ilike '%totp_last_step%'""")
					.query(Long.class)
					.single() == 2);
			holder.commit();
		}
		try {
			List<Response> responses = List.of(answers.get(0).get(30, TimeUnit.SECONDS),
					answers.get(1).get(30, TimeUnit.SECONDS));
			assertThat(responses).extracting(Response::status).doesNotContain(500);
			assertThat(responses).filteredOn(r -> r.status() == 302 && r.location().endsWith("/home")).hasSize(1);
			assertThat(responses).filteredOn(r -> r.status() == 200 && r.body().contains("That code did not work"))
				.hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

}

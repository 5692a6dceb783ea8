package org.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.haven.audit.AuditTrail;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class LoginThrottleIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	LoginThrottle throttle;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	@Test
	void unknownAndKnownEmailsGetTheSameAnswerForTheSameWork() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("known"));

		int before = passwordEncoder.matchesCalls();
		Response known = browser().signIn(client.email(), "wrong password, sadly");
		int knownWork = passwordEncoder.matchesCalls() - before;

		before = passwordEncoder.matchesCalls();
		Response unknown = browser().signIn(uniqueEmail("unknown"), "wrong password, sadly");
		int unknownWork = passwordEncoder.matchesCalls() - before;

		assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(302);
		assertThat(known.location()).isEqualTo(unknown.location()).endsWith("/login?error");
		assertThat(knownWork).isEqualTo(unknownWork).isEqualTo(1);
		assertThat(browser().get("/login?error").body()).contains("Sign-in failed");
		assertThat(audit.about(AuditTrail.account(client.id()), 5)).anyMatch(e -> e.action().equals("SIGN_IN_FAILED"));
	}

	@Test
	void afterFiveFreeFailuresEachAttemptWaitsLonger() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("guessed"));
		for (int i = 0; i < 6; i++) {
			assertThat(browser().signIn(client.email(), "guess number " + i).location()).endsWith("/login?error");
		}
		// Even the right password is not checked while the delay runs, and the answer is the same.
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/login?error");

		clock.advance(Duration.ofSeconds(1));
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/home");

		assertThat(throttle.delayAfter(6)).isEqualTo(Duration.ofSeconds(1));
		assertThat(throttle.delayAfter(7)).isEqualTo(Duration.ofSeconds(2));
		assertThat(throttle.delayAfter(10)).isEqualTo(Duration.ofSeconds(16));
		assertThat(throttle.delayAfter(99)).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void aHundredFailuresAnHourLockTheEmailForTheRestOfTheHour() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("hammered"));
		for (int i = 0; i < 100; i++) {
			throttle.recordFailure(client.email(), "192.0.2.1");
			clock.advance(Duration.ofSeconds(1));
		}
		clock.advance(Duration.ofMinutes(20));
		assertThat(throttle.allowed(client.email(), "192.0.2.1")).isFalse();
		WebSession browser = browser();
		assertThat(browser.signIn(client.email(), client.password()).location()).endsWith("/login?error");

		clock.advance(Duration.ofMinutes(40));
		assertThat(throttle.allowed(client.email(), "192.0.2.1")).isTrue();
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/home");
	}

	@Test
	void oneAddressIsLimitedAcrossManyEmails() {
		IdentityProperties strict = new IdentityProperties("http://localhost", null,
				new IdentityProperties.Login(100, 10, 5, Duration.ofMinutes(15)), null);
		LoginThrottle perAddress = new LoginThrottle(jdbc, clock, strict);
		for (int i = 0; i < 10; i++) {
			perAddress.recordFailure(uniqueEmail("spray"), "198.51.100.7");
		}
		assertThat(perAddress.allowed(uniqueEmail("next"), "198.51.100.7")).isFalse();
		assertThat(perAddress.allowed(uniqueEmail("next"), "198.51.100.8")).isTrue();
	}

	@Test
	void failuresAreStoredWithoutEmailsOrAddresses() {
		String email = uniqueEmail("private");
		throttle.recordFailure(email, "203.0.113.9");
		assertThat(jdbc.sql("select count(*) from login_failure where failure_key like :p").param("p", "%@%").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", LoginThrottle.emailKey(email))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void housekeepingDropsFailuresOlderThanAnHour() {
		String email = uniqueEmail("old-failure");
		throttle.recordFailure(email, null);
		clock.advance(Duration.ofMinutes(61));
		throttle.purge();
		assertThat(jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", LoginThrottle.emailKey(email))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void wrongSecondFactorCodesCountAsFailures() {
		TestAccount therapist = TestAccounts.in(context).therapist(uniqueEmail("codes"));
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password());
		long before = jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", LoginThrottle.emailKey(therapist.email()))
			.query(Long.class)
			.single();
		browser.submit("/login/2fa", "/login/2fa", java.util.Map.of("code", "000000".equals(therapist.code()) ? "111111" : "000000"));
		long after = jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", LoginThrottle.emailKey(therapist.email()))
			.query(Long.class)
			.single();
		assertThat(after).isEqualTo(before + 1);
	}
}

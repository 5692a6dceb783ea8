package org.haven.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.haven.audit.AuditTrail;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
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

	@Autowired
	IdentityProperties properties;

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
		// Even the right password is not checked while the delay runs, and the answer is
		// the same.
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
	void failuresAreStoredWithoutEmailsOrAddresses() {
		String email = uniqueEmail("private");
		throttle.recordFailure(email, "203.0.113.9");
		assertThat(jdbc.sql("select count(*) from login_failure where failure_key like :p")
			.param("p", "%@%")
			.query(Long.class)
			.single()).isZero();
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
		browser.submit("/login/2fa", "/login/2fa",
				Map.of("code", "000000".equals(therapist.code()) ? "111111" : "000000"));
		long after = jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", LoginThrottle.emailKey(therapist.email()))
			.query(Long.class)
			.single();
		assertThat(after).isEqualTo(before + 1);
	}

	/**
	 * Someone who has the password loops "password step, wrong code" for an hour of the
	 * clock, waiting whenever refused exactly as long as the throttle asks (the worst
	 * case). Redoing the password step must forgive nothing, so the per-account delays
	 * and the hourly limit bound the codes that are checked (wrong TOTP codes and wrong
	 * recovery codes alike).
	 */
	@Test
	void redoingThePasswordStepForgivesNoWrongCodes() {
		TestAccount therapist = TestAccounts.in(context).therapist(uniqueEmail("code-guesser"));
		int limit = properties.login().maxFailuresPerAccount();
		Instant end = clock.instant().plus(Duration.ofHours(1));
		WebSession attacker = browser();
		boolean halfway = false;
		int checked = 0;
		int guess = 0;
		while (clock.instant().isBefore(end) && checked <= limit) {
			if (!halfway) {
				Response password = attacker.signIn(therapist.email(), therapist.password());
				if (!password.location().endsWith("/login/2fa")) {
					waitUntilTheNextAttempt(therapist.email());
					continue;
				}
				halfway = true;
			}
			Response code = attacker.submit("/login/2fa", "/login/2fa", Map.of("code", wrongCode(therapist, guess++)));
			if (code.status() == 200 && code.body().contains("That code did not work")) {
				checked++;
			}
			else {
				assertThat(code.location()).endsWith("/login?error");
				halfway = false;
			}
		}
		System.out.printf("Second-factor guesses checked in one hour for one account: %d (limit %d)%n", checked, limit);
		assertThat(checked).as("codes checked in an hour").isLessThanOrEqualTo(limit);
		// 6 free, then 1 s, 2 s, 4 s ... up to 15 min between checks: the delays apply to
		// codes too.
		assertThat(checked).as("codes checked in an hour").isLessThanOrEqualTo(20);
		assertThat(failures(LoginThrottle.emailKey(therapist.email()))).isEqualTo(checked);
	}

	@Test
	void onlyACompletedSignInForgivesEarlierFailures() {
		TestAccount therapist = TestAccounts.in(context).therapist(uniqueEmail("forgiven"));
		WebSession browser = browser();
		assertThat(browser.signIn(therapist.email(), "not the password").location()).endsWith("/login?error");
		assertThat(browser.signIn(therapist.email(), therapist.password()).location()).endsWith("/login/2fa");
		browser.submit("/login/2fa", "/login/2fa", Map.of("code", wrongCode(therapist, 1)));
		browser.submit("/login/2fa", "/login/2fa", Map.of("code", "abcde-fghjk"));
		assertThat(failures(LoginThrottle.emailKey(therapist.email()))).as("a recovery code counts too").isEqualTo(3);

		WebSession again = browser();
		assertThat(again.signIn(therapist.email(), therapist.password()).location()).endsWith("/login/2fa");
		assertThat(failures(LoginThrottle.emailKey(therapist.email()))).as("after the password step alone")
			.isEqualTo(3);

		assertThat(again.submit("/login/2fa", "/login/2fa", Map.of("code", therapist.code())).location())
			.endsWith("/home");
		assertThat(failures(LoginThrottle.emailKey(therapist.email()))).as("after both factors").isZero();
	}

	/**
	 * Everyone behind one proxy shares its address: a flood of wrong guesses from it
	 * (past the address's limit) must not refuse the right password of an account that
	 * has not been failing, while accounts that have been failing stay refused from
	 * there.
	 */
	@Test
	void aFloodFromOneAddressDoesNotLockOutAccountsThatAreNotFailing() {
		String shared = "198.51.100.20";
		IdentityProperties strict = new IdentityProperties(null,
				new IdentityProperties.Login(100, 10, 5, Duration.ofMinutes(15)), null);
		LoginThrottle perAddress = new LoginThrottle(jdbc, clock, strict);
		String hammered = uniqueEmail("hammered-behind-proxy");
		for (int i = 0; i < 20; i++) {
			perAddress.recordFailure(uniqueEmail("spray"), shared);
			perAddress.recordFailure(hammered, shared);
		}
		clock.advance(Duration.ofMinutes(16));

		assertThat(perAddress.allowed(uniqueEmail("untouched"), shared)).as("an account that has not been failing")
			.isTrue();
		assertThat(perAddress.allowed(hammered, shared)).as("a failing account, from the flooding address").isFalse();
		assertThat(perAddress.allowed(hammered, "198.51.100.21")).as("the same account from elsewhere, its delay over")
			.isTrue();
	}

	/**
	 * The same through the sign-in page, at the configured limit, from the address the
	 * tests connect from.
	 */
	@Test
	void theRightPasswordOfAnUntouchedAccountWorksFromAFloodedAddress() {
		TestAccount untouched = TestAccounts.in(context).client(uniqueEmail("untouched"));
		TestAccount failing = TestAccounts.in(context).client(uniqueEmail("failing"));
		for (int i = 0; i < 6; i++) {
			browser().signIn(failing.email(), "guess " + i);
		}
		String addressKey = addressKeyOfThisClient(failing.email());
		OffsetDateTime floodAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		jdbc.sql("insert into login_failure (failure_key, occurred_at) select :key, :at from generate_series(1, :n)")
			.param("key", addressKey)
			.param("at", floodAt)
			.param("n", properties.login().maxFailuresPerAddress())
			.update();
		try {
			clock.advance(Duration.ofMinutes(1));
			assertThat(browser().signIn(untouched.email(), untouched.password()).location()).endsWith("/home");
			assertThat(browser().signIn(failing.email(), failing.password()).location())
				.as("an account past its free failures stays refused from the flooded address")
				.endsWith("/login?error");
		}
		finally {
			jdbc.sql("delete from login_failure where failure_key = :key and occurred_at = :at")
				.param("key", addressKey)
				.param("at", floodAt)
				.update();
		}
	}

	/**
	 * Moves the clock to the moment the email's next attempt is checked again (or a
	 * minute, if capped).
	 */
	private void waitUntilTheNextAttempt(String email) {
		String key = LoginThrottle.emailKey(email);
		Instant latest = jdbc.sql("select max(occurred_at) from login_failure where failure_key = :k")
			.param("k", key)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
		Duration wait = Duration.between(clock.instant(), latest.plus(throttle.delayAfter((int) failures(key))));
		clock.advance(wait.isNegative() || wait.isZero() ? Duration.ofMinutes(1) : wait);
	}

	/**
	 * The key of the address this test's requests come from: recorded with the email's
	 * last failure.
	 */
	private String addressKeyOfThisClient(String email) {
		return jdbc.sql("""
				select a.failure_key from login_failure a join login_failure e on a.occurred_at = e.occurred_at
				where e.failure_key = :email and a.failure_key <> :email
				order by e.occurred_at desc limit 1""")
			.param("email", LoginThrottle.emailKey(email))
			.query(String.class)
			.single();
	}

	private long failures(String key) {
		return jdbc.sql("select count(*) from login_failure where failure_key = :k")
			.param("k", key)
			.query(Long.class)
			.single();
	}

	/**
	 * A six-digit code that is not valid now (nor a step either side), or now and then a
	 * recovery-code shape.
	 */
	private static String wrongCode(TestAccount account, int guess) {
		if (guess % 4 == 3) {
			return "wrong-" + String.format("%04d", guess % 10000);
		}
		for (int candidate = guess;; candidate++) {
			String code = String.format("%06d", candidate % 1_000_000);
			if (!code.equals(account.codeAt(-1)) && !code.equals(account.codeAt(0))
					&& !code.equals(account.codeAt(1))) {
				return code;
			}
		}
	}

}

package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

/**
 * Bad input on every form that takes a name, an email or a new password: the page comes
 * back with the error summary and a message at the field, what was typed is kept
 * (escaped, never passwords), and nothing is stored.
 */
class ValidationIntegrationTests extends IntegrationTest {

	private static final String GOOD_PASSWORD = "quiet meadow lantern 42";

	/**
	 * 12 characters, yet among the 10,000 most common passwords of the list that ships in
	 * zxcvbn.
	 */
	private static final String COMMON_PASSWORD = "qwerty123456";

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String INVALID_NAME = "A name cannot contain control or invisible formatting characters.";

	/**
	 * One bad value: the form fields it sets, the field the message belongs to, and the
	 * message.
	 */
	record Case(String what, Map<String, String> input, String field, String message) {
	}

	static final List<Case> NAMES = List.of(
			name("101 characters", "a".repeat(101), "A name has at most 100 characters."),
			name("a bell character", "Rob\u0007in", INVALID_NAME),
			name("a right-to-left override", "Robin\u202Egnp.exe", INVALID_NAME),
			name("a script tag", SCRIPT, "A name cannot contain < or >."),
			name("only spaces", "   ", "Enter the name you want to be called."),
			name("only a zero-width space", "\u200B", "A name needs at least one letter or digit."));

	static final List<Case> EMAILS = List.of(
			email("255 characters", "a".repeat(243) + "@example.org", "An email address has at most 254 characters."),
			email("no @", "robin.example.org", "Enter an email address like name@example.org."),
			email("a script tag", SCRIPT + "@example.org", "Enter an email address like name@example.org."));

	static final List<Case> PASSWORDS = List.of(
			password("129 characters", "correct horse battery staple ".repeat(5).substring(0, 129),
					"Use at most 128 characters."),
			password("11 characters", "eleven char", "Use at least 12 characters."),
			password("a common password", COMMON_PASSWORD, "This password is one of the most commonly used ones."),
			new Case("a different confirmation", Map.of("password", GOOD_PASSWORD, "confirmation", GOOD_PASSWORD + "!"),
					"confirmation", "The two passwords differ."));

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
	void registration() {
		WebSession browser = browser();
		SoftAssertions softly = new SoftAssertions();
		for (Case bad : concat(NAMES, EMAILS, PASSWORDS)) {
			Map<String, String> form = with(bad, Map.of("email", uniqueEmail("valid"), "displayName", "Robin Reyes",
					"password", GOOD_PASSWORD, "confirmation", GOOD_PASSWORD));
			assertRejected(softly, bad, browser.submit("/register", "/register", form));
			softly.assertThat(accountsWithEmail(form.get("email"))).as("%s: accounts stored", bad.what()).isZero();
		}
		softly.assertAll();
	}

	@Test
	void renaming() {
		TestAccount client = accounts.client(uniqueEmail("rename"));
		WebSession browser = signedIn(client);
		SoftAssertions softly = new SoftAssertions();
		for (Case bad : NAMES) {
			assertRejected(softly, bad, browser.submit("/account", "/account/name", bad.input()));
			softly.assertThat(displayName(client)).as("%s: name stored", bad.what()).isEqualTo("Test client");
		}
		softly.assertAll();
	}

	/**
	 * Unicode's bidirectional controls (Bidi_Control) change how a name reads:
	 * "Robin\u202Egnp.exe" shows as "Robinexe.png".
	 */
	@Test
	void everyBidirectionalControlIsRefusedInAName() {
		TestAccount client = accounts.client(uniqueEmail("bidi"));
		WebSession browser = signedIn(client);
		SoftAssertions softly = new SoftAssertions();
		for (int control : new int[] { 0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
				0x2068, 0x2069 }) {
			Case bad = name("U+%04X".formatted(control), "Robin " + Character.toString(control) + "Reyes",
					INVALID_NAME);
			assertRejected(softly, bad, browser.submit("/account", "/account/name", bad.input()));
			softly.assertThat(displayName(client)).as("%s: name stored", bad.what()).isEqualTo("Test client");
		}
		softly.assertAll();
	}

	@Test
	void askingForAPasswordReset() {
		WebSession browser = browser();
		SoftAssertions softly = new SoftAssertions();
		for (Case bad : EMAILS) {
			long tokens = count("select count(*) from account_token");
			assertRejected(softly, bad, browser.submit("/password-reset", "/password-reset", bad.input()));
			softly.assertThat(count("select count(*) from account_token"))
				.as("%s: tokens stored", bad.what())
				.isEqualTo(tokens);
		}
		softly.assertAll();
	}

	@Test
	void inviting() {
		WebSession admin = signedIn(accounts.admin(uniqueEmail("inviter")));
		String taken = accounts.client(uniqueEmail("taken")).email();
		List<Case> cases = concat(EMAILS,
				List.of(email("an email that has an account", taken, "An account with this email exists already."),
						new Case("no such role", Map.of("role", "OWNER"), "role", "Choose therapist or admin.")));
		SoftAssertions softly = new SoftAssertions();
		for (Case bad : cases) {
			long invitations = count("select count(*) from invitation");
			Map<String, String> form = with(bad, Map.of("email", uniqueEmail("invitee"), "role", "THERAPIST"));
			assertRejected(softly, bad, admin.submit("/admin/invitations", "/admin/invitations", form));
			softly.assertThat(count("select count(*) from invitation"))
				.as("%s: invitations stored", bad.what())
				.isEqualTo(invitations);
		}
		softly.assertAll();
	}

	@Test
	void acceptingAnInvitation() {
		String invited = uniqueEmail("joining");
		WebSession admin = signedIn(accounts.admin(uniqueEmail("host")));
		admin.submit("/admin/invitations", "/admin/invitations", Map.of("email", invited, "role", "THERAPIST"));
		String link = TestMail.link(TestMail.awaitMail(invited, 1), "/invitation");
		String token = link.substring(link.indexOf("token=") + "token=".length());

		WebSession browser = browser();
		SoftAssertions softly = new SoftAssertions();
		for (Case bad : concat(NAMES, PASSWORDS)) {
			Map<String, String> form = with(bad, Map.of("token", token, "displayName", "Dr. Robin Reyes", "password",
					GOOD_PASSWORD, "confirmation", GOOD_PASSWORD));
			assertRejected(softly, bad, browser.submit(link, "/invitation", form));
			softly.assertThat(accountsWithEmail(invited)).as("%s: accounts stored", bad.what()).isZero();
		}
		softly.assertThat(count("select count(*) from invitation where email = ? and accepted_at is null", invited))
			.as("the invitation is still open")
			.isOne();
		softly.assertAll();
	}

	/**
	 * The page again, with the summary linking to the field, the message at the field,
	 * and the input kept safely.
	 */
	private static void assertRejected(SoftAssertions softly, Case bad, Response response) {
		String body = response.body();
		softly.assertThat(response.status()).as("%s: status", bad.what()).isEqualTo(200);
		softly.assertThat(body)
			.as("%s: error summary", bad.what())
			.contains("There is a problem")
			.contains("href=\"#" + bad.field() + "\"");
		softly.assertThat(body).as("%s: message", bad.what()).contains(HtmlUtils.htmlEscape(bad.message()));
		softly.assertThat(body).as("%s: message at the field", bad.what()).contains("id=\"" + bad.field() + "-error\"");
		softly.assertThat(body).as("%s: markup typed in", bad.what()).doesNotContain(SCRIPT);
		bad.input().forEach((field, value) -> {
			if (field.equals("password") || field.equals("confirmation")) {
				softly.assertThat(body).as("%s: password shown", bad.what()).doesNotContain("value=\"" + value + "\"");
			}
			else if (!field.equals("role")) {
				softly.assertThat(shownValue(body, field)).as("%s: %s kept", bad.what(), field).isEqualTo(value);
			}
		});
	}

	/** What the page's input field shows, as the browser reads it (unescaped). */
	private static String shownValue(String html, String field) {
		Matcher input = Pattern.compile("<input id=\"" + field + "\"[^>]*\svalue=\"([^\"]*)\"").matcher(html);
		return input.find() ? HtmlUtils.htmlUnescape(input.group(1)) : null;
	}

	private static Case name(String what, String value, String message) {
		return new Case("name with " + what, Map.of("displayName", value), "displayName", message);
	}

	private static Case email(String what, String value, String message) {
		return new Case("email with " + what, Map.of("email", value), "email", message);
	}

	private static Case password(String what, String value, String message) {
		return new Case("password of " + what, Map.of("password", value, "confirmation", value), "password", message);
	}

	private static Map<String, String> with(Case bad, Map<String, String> valid) {
		Map<String, String> form = new HashMap<>(valid);
		form.putAll(bad.input());
		return form;
	}

	@SafeVarargs
	private static List<Case> concat(List<Case>... lists) {
		return Stream.of(lists).flatMap(List::stream).toList();
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

	private long accountsWithEmail(String email) {
		return jdbc.sql("select count(*) from account where email = ?")
			.param(email.trim().toLowerCase(Locale.ROOT))
			.query(Long.class)
			.single();
	}

	private String displayName(TestAccount account) {
		return jdbc.sql("select display_name from account where id = ?")
			.param(account.id())
			.query(String.class)
			.single();
	}

	private long count(String sql, Object... parameters) {
		var statement = jdbc.sql(sql);
		for (Object parameter : parameters) {
			statement = statement.param(parameter);
		}
		return statement.query(Long.class).single();
	}

}

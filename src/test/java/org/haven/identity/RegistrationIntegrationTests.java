package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.haven.support.IntegrationTest;
import org.haven.support.TestMail;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.internet.MimeMessage;

class RegistrationIntegrationTests extends IntegrationTest {

	static final String PASSWORD = "blue kettle under the stairs";

	@Autowired
	JdbcClient jdbc;

	@Test
	void aClientRegistersVerifiesTheEmailAndSignsIn() {
		String email = uniqueEmail("new-client");
		WebSession browser = browser();
		Response registered = register(browser, email, "Alex Rivera");
		assertThat(registered.location()).endsWith("/register/sent");

		// Before verification the password alone does not open the account.
		assertThat(browser().signIn(email, PASSWORD).location()).endsWith("/login?unverified");

		MimeMessage mail = TestMail.awaitMail(email, 1);
		String link = TestMail.link(mail, "/verify-email");
		assertThat(TestMail.body(mail)).doesNotContain(PASSWORD);
		assertThat(browser.get(link).body()).contains("Confirm my email address");
		// The same link opened in a second tab, whose form is sent after the first.
		WebSession secondTab = browser();
		assertThat(secondTab.get(link).body()).contains("Confirm my email address");
		String token = link.substring(link.indexOf("token=") + 6);
		assertThat(browser.post("/verify-email", Map.of("token", token)).location()).endsWith("/login?verified");

		WebSession later = browser();
		later.signIn(email, PASSWORD, null);
		assertThat(later.get("/home").body()).contains("Alex Rivera").contains("Your care");

		// The link works once.
		Response again = secondTab.post("/verify-email", Map.of("token", token));
		assertThat(again.body()).contains("This link no longer works");
	}

	@Test
	void anExpiredVerificationLinkIsRefused() {
		String email = uniqueEmail("slow-client");
		register(browser(), email, "Sam");
		String link = TestMail.link(TestMail.awaitMail(email, 1), "/verify-email");
		clock.advance(Duration.ofHours(49));
		assertThat(browser().get(link).body()).contains("This link no longer works");
		assertThat(status(email)).isEqualTo("PENDING_VERIFICATION");
	}

	@Test
	void registeringAnExistingEmailLooksTheSameAndMailsTheOwnerInstead() {
		String email = uniqueEmail("taken");
		register(browser(), email, "First");
		TestMail.awaitMail(email, 1);

		Response second = register(browser(), email, "Impostor");
		assertThat(second.status()).isEqualTo(302);
		assertThat(second.location()).endsWith("/register/sent");
		MimeMessage notice = TestMail.awaitMail(email, 2);
		assertThat(TestMail.subject(notice)).contains("tried to create");
		assertThat(TestMail.body(notice)).doesNotContain("/verify-email");
		assertThat(jdbc.sql("select display_name from account where email = :email")
			.param("email", email)
			.query(String.class)
			.single()).isEqualTo("First");
	}

	@Test
	void knownAndUnknownEmailsCostTheSamePasswordWork() {
		String known = uniqueEmail("known");
		register(browser(), known, "Known");

		int before = passwordEncoder.encodeCalls();
		register(browser(), known, "Again");
		int forKnown = passwordEncoder.encodeCalls() - before;

		before = passwordEncoder.encodeCalls();
		register(browser(), uniqueEmail("unknown"), "Fresh");
		int forUnknown = passwordEncoder.encodeCalls() - before;

		assertThat(forKnown).isEqualTo(forUnknown).isEqualTo(1);
	}

	@Test
	void resendingTheLinkSaysTheSameForAnyEmail() {
		String email = uniqueEmail("resend");
		register(browser(), email, "Resend");
		TestMail.awaitMail(email, 1);
		Response known = browser().submit("/register/resend", "/register/resend", Map.of("email", email));
		Response unknown = browser().submit("/register/resend", "/register/resend",
				Map.of("email", uniqueEmail("nobody")));
		assertThat(known.location()).isEqualTo(unknown.location()).endsWith("/register/sent");
		TestMail.awaitMail(email, 2);
	}

	private Response register(WebSession browser, String email, String name) {
		return browser.submit("/register", "/register",
				Map.of("displayName", name, "email", email, "password", PASSWORD, "confirmation", PASSWORD));
	}

	private String status(String email) {
		return jdbc.sql("select status from account where email = :email")
			.param("email", email)
			.query(String.class)
			.single();
	}

}

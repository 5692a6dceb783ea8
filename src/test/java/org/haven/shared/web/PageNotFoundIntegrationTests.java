package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * An address nobody answers is "Page not found" for everyone, strangers included: no
 * sign-in form for a page that does not exist, and no sign-in that leads on to one. Pages
 * that do exist still ask strangers to sign in.
 */
class PageNotFoundIntegrationTests extends IntegrationTest {

	private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@Autowired
	ApplicationContext context;

	WebSession session;

	@BeforeEach
	void signIn() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("notfound"));
		session = browser();
		session.signIn(client.email(), client.password(), null);
	}

	@Test
	void aBrowserGetsHavensPageNotFoundWithItsNavigation() {
		Response response = session.get("/no-such-page", Map.of("Accept", BROWSER_ACCEPT));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).contains("<h1>Page not found</h1>").contains("Sign out");
	}

	@Test
	void aStrangerGetsPageNotFoundWithTheWayToTheStartAndTheDirectory() {
		for (String path : List.of("/no-such-page", "/therapists/of/the/moon", "/appointment")) {
			Response response = browser().get(path, Map.of("Accept", BROWSER_ACCEPT));
			assertThat(response.status()).as(path).isEqualTo(404);
			assertThat(response.header("Content-Type")).as(path).startsWith("text/html");
			assertThat(response.body()).as(path)
				.contains("<h1>Page not found</h1>")
				.contains("<a href=\"/\">Go to the start page</a>")
				.contains("<a href=\"/therapists\">Find a therapist</a>")
				.contains("<a href=\"/login\">Sign in</a>");
		}
	}

	@Test
	void aStrangerIsStillAskedToSignInForPagesThatExist() {
		for (String path : List.of("/appointments", "/home", "/therapists/" + UUID.randomUUID() + "/times",
				"/care/no-such-page", "/admin/no-such-page", "/therapist/no-such-page")) {
			Response response = browser().get(path, Map.of("Accept", BROWSER_ACCEPT));
			assertThat(response.status()).as(path).isEqualTo(302);
			assertThat(response.location()).as(path).endsWith("/login");
		}
		// Open pages stay open.
		assertThat(browser().get("/therapists").status()).isEqualTo(200);
	}

	@Test
	void theApiAnswersStrangersWith401WhetherOrNotThePathExists() {
		for (String path : List.of("/api/v1/nope", "/api/v1/appointments")) {
			Response response = browser().get(path, Map.of("Accept", "application/json"));
			assertThat(response.status()).as(path).isEqualTo(401);
			assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
		}
	}

	/**
	 * Nothing is remembered for after sign-in from a page that does not exist, so signing
	 * in lands on the home page, not on "Page not found".
	 */
	@Test
	void signingInAfterAnUnknownAddressLandsHome() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("lost"));
		WebSession stranger = browser();
		assertThat(stranger.get("/no-such-page", Map.of("Accept", BROWSER_ACCEPT)).status()).isEqualTo(404);

		Response signedIn = stranger.signIn(client.email(), client.password());
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.location()).endsWith("/home");
	}

	@Test
	void apiClientsGetAProblem() {
		for (String accept : new String[] { "application/json", "*/*" }) {
			Response response = session.get("/api/v1/no-such-thing", Map.of("Accept", accept));
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.header("Content-Type")).as(accept).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":404").doesNotContain("<html");
		}
	}

}

package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

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
	void apiClientsGetAProblem() {
		for (String accept : new String[] { "application/json", "*/*" }) {
			Response response = session.get("/api/v1/no-such-thing", Map.of("Accept", accept));
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.header("Content-Type")).as(accept).startsWith("application/problem+json");
			assertThat(response.body()).contains("\"status\":404").doesNotContain("<html");
		}
	}

}

package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One refusal, two renderings: a page shows its form again with the message at the field
 * and everything else the page had (what was typed, the signed-in navigation), and
 * /api/v1 answers a problem that names the field.
 */
class RefusalIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void aRefusedFormIsShownAgainWithTheMessageAtTheFieldAndWhatWasTyped() {
		WebSession browser = signedIn(accounts.client("refusal-page-" + UUID.randomUUID() + "@example.org"));

		Response page = browser.submit("/account", "/account/name", Map.of("displayName", "Robin <Reyes>"));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("href=\"#displayName\"")
			.contains("id=\"displayName-error\"")
			.contains("A name cannot contain &lt; or &gt;.")
			.contains("value=\"Robin &lt;Reyes&gt;\"")
			// The model the handler had before it was refused: the layout's navigation.
			.contains("href=\"/account\">Account</a>");
	}

	@Test
	void aPageNamesTheFieldTheRefusalBelongsToOnIt() {
		TestAccount client = accounts.clientWithTotp("refusal-field-" + UUID.randomUUID() + "@example.org");
		WebSession browser = signedIn(client);

		Response page = browser.submit("/account", "/account/2fa/disable", Map.of("disableCurrent", "not it"));

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("href=\"#disableCurrent\"")
			.contains("id=\"disableCurrent-error\"")
			.contains("Your current password is not right.")
			.doesNotContain("value=\"not it\"");
	}

	@Test
	void theApiAnswersAProblemNamingTheRefusedField() {
		WebSession browser = signedIn(accounts.client("refusal-api-" + UUID.randomUUID() + "@example.org"));

		Response response = browser.get("/api/v1/therapists?jurisdiction=US-NY&freeWithinDays=99",
				Map.of("Accept", "application/json"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("field").asString()).isEqualTo("freeWithinDays");
		assertThat(problem.get("detail").asString()).startsWith("Choose how soon you would like a session");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/therapists");
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = new WebSession("http://localhost:" + port);
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return browser;
	}

}

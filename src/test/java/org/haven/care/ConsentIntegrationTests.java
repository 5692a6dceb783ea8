package org.haven.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
import org.springframework.jdbc.core.simple.JdbcClient;

class ConsentIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TelehealthConsent consent;

	TestAccounts accounts;

	WebSession admin;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		TestAccount adminAccount = accounts.admin(uniqueEmail("consent-admin"));
		admin = browser();
		admin.signIn(adminAccount.email(), adminAccount.password(), adminAccount.code());
		publish("Telehealth consent",
				"## Emergencies\n\nCall your local emergency number.\n\n<script>alert(1)</script>");
	}

	@Test
	void aClientSignsTheCurrentVersionAndANewVersionAsksAgain() {
		TestAccount client = accounts.client(uniqueEmail("consenting"));
		WebSession browser = signedIn(client);
		String page = browser.get("/consent").body();
		assertThat(page).contains("<h2>Emergencies</h2>").contains("&lt;script&gt;").doesNotContain("<script>alert");
		assertThat(consent.hasCurrentConsent(client.id())).isFalse();

		Response signed = browser.post("/consent",
				Map.of("version", currentVersion(), "typedName", "Casey Q. Client", "agree", "true"));
		assertThat(signed.location()).endsWith("/consent?signed");
		assertThat(consent.hasCurrentConsent(client.id())).isTrue();
		Map<String, Object> row = jdbc.sql("""
				select s.document_sha256, d.sha256, s.typed_name, s.address from consent_signature s
				join consent_document d on d.version = s.version where s.client_id = :id""")
			.param("id", client.id())
			.query()
			.singleRow();
		assertThat(row.get("document_sha256")).isEqualTo(row.get("sha256"));
		assertThat(row.get("typed_name").toString()).startsWith("v1.test.").doesNotContain("Casey");
		assertThat(row.get("address")).isEqualTo("127.0.0.1");
		assertThat(browser.get("/consent").body()).contains("You consented to this version on");

		publish("Telehealth consent", "Version two.");
		assertThat(consent.hasCurrentConsent(client.id())).isFalse();
		assertThat(browser.get("/consent").body()).contains("Version two.").contains("Sign");
	}

	@Test
	void signingATextThatWasReplacedMeanwhileIsRefused() {
		TestAccount client = accounts.client(uniqueEmail("slow-reader"));
		WebSession browser = signedIn(client);
		browser.get("/consent");
		String readVersion = currentVersion();
		publish("Telehealth consent", "A newer text.");
		Response response = browser.post("/consent",
				Map.of("version", readVersion, "typedName", "Slow Reader", "agree", "true"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("A newer version was published while you were reading");
		assertThat(consent.hasCurrentConsent(client.id())).isFalse();
	}

	@Test
	void aSignatureNeedsANameAndTheTick() {
		TestAccount client = accounts.client(uniqueEmail("careless"));
		WebSession browser = signedIn(client);
		browser.get("/consent");
		String missingName = browser
			.post("/consent", Map.of("version", currentVersion(), "typedName", " ", "agree", "true"))
			.body();
		assertThat(missingName).contains("Type your full name as your signature.")
			.doesNotContain("Tick the box")
			.as("the tick is kept")
			.containsPattern("id=\"agree\"[^>]*checked");
		browser.get("/consent");
		assertThat(browser.post("/consent", Map.of("version", currentVersion(), "typedName", "Careless Client")).body())
			.contains("Tick the box to say you have read and agree");
		browser.get("/consent");
		String both = browser.post("/consent", Map.of("version", currentVersion(), "typedName", "")).body();
		assertThat(both).as("both problems at once")
			.contains("Tick the box to say you have read and agree")
			.contains("Type your full name as your signature.")
			.doesNotContainPattern("id=\"agree\"[^>]*checked");
		assertThat(consent.hasCurrentConsent(client.id())).isFalse();
	}

	@Test
	void publishingNeedsATitleAndText() {
		int before = Integer.parseInt(currentVersion());
		assertThat(admin.submit("/admin/consent", "/admin/consent", Map.of("title", "", "body", "text")).body())
			.contains("Give the document a title");
		assertThat(admin.submit("/admin/consent", "/admin/consent", Map.of("title", "T", "body", "x".repeat(50_001)))
			.body()).contains("Use at most 50000 characters.");
		assertThat(Integer.parseInt(currentVersion())).isEqualTo(before);
	}

	private void publish(String title, String body) {
		assertThat(admin.submit("/admin/consent", "/admin/consent", Map.of("title", title, "body", body)).location())
			.endsWith("/admin/consent?published");
	}

	private String currentVersion() {
		return jdbc.sql("select max(version) from consent_document").query(Integer.class).single().toString();
	}

	private WebSession signedIn(TestAccount client) {
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		clock.advance(Duration.ofSeconds(1));
		return browser;
	}

}

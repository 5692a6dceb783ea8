package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every page a signed-in person opens has an entry in the audit trail; nothing else does.
 */
class PageViewAuditIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	AuditTrail audit;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void aSignedInPageViewIsAuditedWithoutItsQuery() {
		TestAccount client = accounts.client(uniqueEmail("page-view"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);

		assertThat(browser.get("/messages?q=private+words").status()).isEqualTo(200);

		List<AuditEntry> views = views(client);
		assertThat(views).extracting(AuditEntry::subject).contains("page:/messages");
		assertThat(views).allSatisfy((entry) -> assertThat(entry.subject()).doesNotContain("private"));
		assertThat(audit.verify().intact()).isTrue();
	}

	@Test
	void anonymousPagesApiReadsAndFormsAreNotPageViews() {
		TestAccount client = accounts.client(uniqueEmail("not-page-view"));
		WebSession browser = browser();
		assertThat(browser.get("/login").status()).isEqualTo(200);
		browser.signIn(client.email(), client.password(), null);
		assertThat(browser.get("/home").status()).isEqualTo(200);
		int before = views(client).size();
		assertThat(before).as("/home").isEqualTo(1);

		assertThat(browser.post("/session/keepalive", Map.of()).status()).isEqualTo(204);
		assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
		assertThat(browser.get("/css/haven.css").status()).isEqualTo(200);
		assertThat(browser.get("/no-such-page").status()).isEqualTo(404);

		assertThat(views(client)).hasSize(before);
		assertThat(audit.about("page:/login", 50)).isEmpty();
	}

	private List<AuditEntry> views(TestAccount client) {
		return audit.page(0, 500)
			.stream()
			.filter((entry) -> entry.actor().equals(AuditTrail.account(client.id())))
			.filter((entry) -> entry.action().equals("PAGE_VIEW"))
			.toList();
	}

}

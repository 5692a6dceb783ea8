package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class AdministrationIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail audit;

	TestAccount admin;

	WebSession adminBrowser;

	@BeforeEach
	void signInAdmin() {
		admin = TestAccounts.in(context).admin(uniqueEmail("admin"));
		adminBrowser = browser();
		adminBrowser.signIn(admin.email(), admin.password(), admin.code());
	}

	@Test
	void disablingAnAccountEndsItsSessionsAndSignInsUntilEnabledAgain() {
		TestAccount client = TestAccounts.in(context).client(uniqueEmail("to-disable"));
		WebSession clientBrowser = browser();
		clientBrowser.signIn(client.email(), client.password(), null);

		Response disabled = adminBrowser.submit("/admin/users", "/admin/users/" + client.id() + "/status",
				Map.of("enabled", "false"));
		assertThat(disabled.location()).endsWith("/admin/users?updated");
		assertThat(clientBrowser.get("/api/v1/me").status()).isEqualTo(401);
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/login?error");
		assertThat(audit.about(AuditTrail.account(client.id()), 5))
			.anyMatch(e -> e.action().equals("ACCOUNT_DISABLED") && e.actor().equals(AuditTrail.account(admin.id())));

		adminBrowser.submit("/admin/users", "/admin/users/" + client.id() + "/status", Map.of("enabled", "true"));
		assertThat(browser().signIn(client.email(), client.password()).location()).endsWith("/home");
	}

	@Test
	void aRoleChangeIsAuditedAndTakesEffectAtTheNextSignIn() {
		TestAccount client = TestAccounts.in(context).clientWithTotp(uniqueEmail("promoted"));
		Response changed = adminBrowser.submit("/admin/users", "/admin/users/" + client.id() + "/role",
				Map.of("role", "THERAPIST"));
		assertThat(changed.location()).endsWith("/admin/users?updated");
		assertThat(jdbc.sql("select role from account where id = :id")
			.param("id", client.id())
			.query(String.class)
			.single()).isEqualTo("THERAPIST");
		assertThat(audit.about(AuditTrail.account(client.id()), 5))
			.anyMatch(e -> e.action().equals("ROLE_CHANGED") && "CLIENT->THERAPIST".equals(e.detail()));

		WebSession promoted = browser();
		promoted.signIn(client.email(), client.password(), client.code());
		assertThat(promoted.get("/api/v1/me").body()).contains("\"role\":\"THERAPIST\"");
	}

	@Test
	void anAdminCannotLockThemselvesOutAndUnknownRolesAreRefused() {
		Response self = adminBrowser.submit("/admin/users", "/admin/users/" + admin.id() + "/status",
				Map.of("enabled", "false"));
		assertThat(self.status()).isEqualTo(200);
		assertThat(self.body()).contains("You cannot disable your own account.");
		assertThat(jdbc.sql("select status from account where id = :id")
			.param("id", admin.id())
			.query(String.class)
			.single()).isEqualTo("ACTIVE");

		TestAccount client = TestAccounts.in(context).client(uniqueEmail("role-typo"));
		Response unknown = adminBrowser.submit("/admin/users", "/admin/users/" + client.id() + "/role",
				Map.of("role", "SUPERUSER"));
		assertThat(unknown.body()).contains("Choose client, therapist or admin.");
		assertThat(jdbc.sql("select role from account where id = :id")
			.param("id", client.id())
			.query(String.class)
			.single()).isEqualTo("CLIENT");
	}

	@Test
	void withdrawingAnInvitationThatIsNotPendingSaysSo() {
		Response response = adminBrowser.submit("/admin/invitations",
				"/admin/invitations/" + UUID.randomUUID() + "/revoke", Map.of());
		assertThat(response.location()).endsWith("/admin/invitations?notPending");
		assertThat(adminBrowser.get("/admin/invitations?notPending").body()).contains("nothing changed");
	}

	@Test
	void theAuditPageShowsAnIntactChainAndTheTotpSecretIsStoredEncrypted() {
		assertThat(adminBrowser.get("/admin/audit").body()).contains("Chain intact");
		String stored = jdbc.sql("select totp_secret from account where id = :id")
			.param("id", admin.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1.test.").doesNotContain(admin.totpSecret());
	}

}

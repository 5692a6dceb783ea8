package org.haven.visits;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The ICE servers endpoint in the running application, with the embedded default's
 * configuration (no STUN, no TURN). Credentials with a configured relay are covered by
 * ConfiguredIceServersTests, so that this test shares the one application context of all
 * integration tests.
 */
class IceServersIntegrationTests extends IntegrationTest {

	private static final String PATH = "/api/v1/visits/ice-servers";

	@Autowired
	ApplicationContext context;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void aClientGetsAnEmptyListShapedForRtcPeerConnectionThatIsNeverStored() {
		TestAccount client = accounts.client(uniqueEmail("ice-client"));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);

		Response response = browser.get(PATH);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.body()).isEqualTo("{\"iceServers\":[],\"ttlSeconds\":3600}");
	}

	@Test
	void aTherapistGetsThemToo() {
		TestAccount therapist = accounts.therapist(uniqueEmail("ice-therapist"));
		WebSession browser = browser();
		browser.signIn(therapist.email(), therapist.password(), therapist.code());

		assertThat(browser.get(PATH).status()).isEqualTo(200);
	}

	@Test
	void anonymousCallersAndAdminsAreRefused() {
		assertThat(browser().get(PATH).status()).isEqualTo(401);

		TestAccount admin = accounts.admin(uniqueEmail("ice-admin"));
		WebSession browser = browser();
		browser.signIn(admin.email(), admin.password(), admin.code());
		Response refused = browser.get(PATH);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain("iceServers");
	}

	@Test
	void theEndpointIsDescribedInTheApiDocs() {
		assertThat(browser().get("/v3/api-docs").body()).contains("\"" + PATH + "\"", "ttlSeconds");
	}

}

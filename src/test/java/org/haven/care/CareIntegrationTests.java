package org.haven.care;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.haven.audit.AuditTrail;
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

class CareIntegrationTests extends IntegrationTest {

	static final String REASON = "I have panic attacks on the bus and cannot get to work.";

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CareRelationships relationships;

	@Autowired
	AuditTrail audit;

	TestAccounts accounts;

	TestAccount therapist;

	WebSession therapistBrowser;

	TestAccount client;

	WebSession clientBrowser;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		therapist = accounts.therapist(uniqueEmail("care-therapist"));
		therapistBrowser = signedIn(therapist);
		therapistBrowser.submit("/therapist/profile", "/therapist/profile/licences", Map.of("jurisdiction", "US-OR",
				"licenceType", "LPC", "number", "C-1", "expiresOn", LocalDate.now().plusYears(1).toString()));
		Map<String, String> profile = new LinkedHashMap<>();
		profile.put("displayName", "Dr. Careful");
		profile.put("timeZone", "America/Los_Angeles");
		profile.put("modalities", "VIDEO");
		profile.put("acceptingNewClients", "true");
		profile.put("published", "true");
		assertThat(therapistBrowser.submit("/therapist/profile", "/therapist/profile", profile).location())
			.endsWith("?saved");
		client = accounts.client(uniqueEmail("care-client"));
		clientBrowser = signedIn(client);
	}

	@Test
	void aClientAsksForCareAndTheTherapistAccepts() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		assertThat(clientBrowser.get("/care/requests/" + request).body()).contains(REASON).contains("pending");

		String pending = therapistBrowser.get("/care").body();
		assertThat(pending).contains("Request from Test client");
		assertThat(therapistBrowser.get("/care/requests/" + request).body()).contains(REASON)
			.contains("Portland, Oregon")
			// In words, not the form's codes.
			.contains("<dd>Video sessions</dd>")
			.doesNotContain(">VIDEO<");
		assertThat(audit.about("care-request:" + request, 10)).anyMatch(
				e -> e.action().equals("CARE_REQUEST_READ") && e.actor().equals(AuditTrail.account(therapist.id())));

		Response accepted = therapistBrowser.submit("/care/requests/" + request,
				"/care/requests/" + request + "/accept", Map.of("message", "Welcome. Let us find a time."));
		assertThat(accepted.location()).endsWith("/care?accepted");
		assertThat(relationships.active(client.id(), therapist.id())).isPresent();
		assertThat(relationships.mayAct(therapist.id(), client.id())).isTrue();
		assertThat(clientBrowser.get("/care").body()).contains("Test therapist").contains("(active)");
		assertThat(clientBrowser.get("/care/requests/" + request).body()).contains("Welcome. Let us find a time.")
			.contains("accepted");
	}

	@Test
	void whatTheClientWritesIsStoredEncrypted() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		Map<String, Object> row = jdbc
			.sql("select reason, location, emergency_contact from care_request where id = :id")
			.param("id", request)
			.query()
			.singleRow();
		assertThat(row.values()).allSatisfy(value -> assertThat(value.toString()).startsWith("v1.test."));
		assertThat(row.toString()).doesNotContain("panic").doesNotContain("Portland").doesNotContain("555 0100");
	}

	@Test
	void nobodyElseSeesOrAnswersTheRequest() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		WebSession otherClient = signedIn(accounts.client(uniqueEmail("nosy-client")));
		WebSession otherTherapist = signedIn(accounts.therapist(uniqueEmail("nosy-therapist")));
		for (WebSession outsider : new WebSession[] { otherClient, otherTherapist }) {
			assertThat(outsider.get("/care/requests/" + request).status()).isEqualTo(404);
			assertThat(outsider.get("/care").body()).doesNotContain(REASON);
			outsider.get("/care");
			assertThat(outsider.post("/care/requests/" + request + "/accept", Map.of()).status()).isEqualTo(404);
			assertThat(outsider.post("/care/requests/" + request + "/decline", Map.of("message", "no")).status())
				.isEqualTo(404);
			assertThat(outsider.post("/care/requests/" + request + "/withdraw", Map.of()).status()).isEqualTo(404);
		}
		// The client cannot accept their own request either.
		clientBrowser.get("/care");
		assertThat(clientBrowser.post("/care/requests/" + request + "/accept", Map.of()).status()).isEqualTo(404);
		assertThat(jdbc.sql("select status from care_request where id = :id")
			.param("id", request)
			.query(String.class)
			.single()).isEqualTo("PENDING");
		assertThat(relationships.active(client.id(), therapist.id())).isEmpty();
	}

	@Test
	void onlyATherapistLicensedWhereTheClientLivesCanBeAsked() {
		Response response = clientBrowser.submit("/care/request/" + therapist.id(), "/care/request/" + therapist.id(),
				request("US-CA", "VIDEO"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("not licensed where you live").contains(REASON);
		assertThat(requestsOf(client)).isZero();
	}

	@Test
	void badInputIsExplainedAndNothingIsStored() {
		Map<String, Map<String, String>> cases = new LinkedHashMap<>();
		cases.put("This therapist does not offer text messages", request("US-OR", "SMS"));
		cases.put("Unknown modality", request("US-OR", "TELEPATHY"));
		cases.put("Write where you live as a country code", request("Oregon", "VIDEO"));
		Map<String, String> longReason = request("US-OR", "VIDEO");
		longReason.put("reason", "x".repeat(4001));
		cases.put("Use at most 4000 characters.", longReason);
		Map<String, String> noContact = request("US-OR", "VIDEO");
		noContact.put("emergencyContact", " ");
		cases.put("Enter someone we may call in an emergency", noContact);
		Map<String, String> control = request("US-OR", "VIDEO");
		control.put("location", "Port\u202Eland");
		cases.put("Remove control or invisible formatting characters.", control);
		cases.forEach((message, form) -> {
			Response response = clientBrowser.submit("/care/request/" + therapist.id(),
					"/care/request/" + therapist.id(), form);
			assertThat(response.status()).as(message).isEqualTo(200);
			assertThat(response.body()).as(message).contains(message);
		});
		assertThat(requestsOf(client)).isZero();
	}

	@Test
	void aSecondRequestWhileOneWaitsIsRefused() {
		ask(clientBrowser, request("US-OR", "VIDEO"));
		Response again = clientBrowser.submit("/care/request/" + therapist.id(), "/care/request/" + therapist.id(),
				request("US-OR", "VIDEO"));
		assertThat(again.body()).contains("You already have a request waiting with");
		assertThat(requestsOf(client)).isOne();
	}

	@Test
	void decliningNeedsAMessageWhichTheClientSees() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		Response empty = therapistBrowser.submit("/care/requests/" + request, "/care/requests/" + request + "/decline",
				Map.of("message", ""));
		assertThat(empty.body()).contains("Tell the client why");
		therapistBrowser.submit("/care/requests/" + request, "/care/requests/" + request + "/decline",
				Map.of("message", "My caseload is full; Dr. Lee in Salem has openings."));
		assertThat(clientBrowser.get("/care/requests/" + request).body()).contains("declined")
			.contains("Dr. Lee in Salem");
		assertThat(relationships.active(client.id(), therapist.id())).isEmpty();
	}

	@Test
	void endingCareStopsTheRelationshipAndKeepsTheRecords() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		therapistBrowser.submit("/care/requests/" + request, "/care/requests/" + request + "/accept", Map.of());
		UUID relationship = relationships.active(client.id(), therapist.id()).orElseThrow();

		Response ended = clientBrowser.submit("/care", "/care/relationships/" + relationship + "/end", Map.of());
		assertThat(ended.location()).endsWith("/care?ended");
		assertThat(relationships.active(client.id(), therapist.id())).isEmpty();
		assertThat(relationships.mayAct(therapist.id(), client.id())).isFalse();
		assertThat(therapistBrowser.get("/care/requests/" + request).body()).contains(REASON);
		assertThat(therapistBrowser.get("/care").body()).contains("(ended)");
	}

	@Test
	void aClientWithdrawsAWaitingRequest() {
		UUID request = ask(clientBrowser, request("US-OR", "VIDEO"));
		assertThat(
				clientBrowser.submit("/care/requests/" + request, "/care/requests/" + request + "/withdraw", Map.of())
					.location())
			.endsWith("/care?withdrawn");
		assertThat(therapistBrowser.get("/care").body()).doesNotContain("Request from");
	}

	private UUID ask(WebSession browser, Map<String, String> form) {
		Response sent = browser.submit("/care/request/" + therapist.id(), "/care/request/" + therapist.id(), form);
		assertThat(sent.location()).as(sent.body()).contains("/care/requests/").endsWith("?sent");
		String location = sent.location();
		return UUID.fromString(location.substring(location.indexOf("/care/requests/") + 15, location.indexOf("?sent")));
	}

	private static Map<String, String> request(String jurisdiction, String modality) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("reason", REASON);
		form.put("modalities", modality);
		form.put("jurisdiction", jurisdiction);
		form.put("location", "Portland, Oregon");
		form.put("emergencyContact", "Sam (sister) 555 0100");
		return form;
	}

	private long requestsOf(TestAccount account) {
		return jdbc.sql("select count(*) from care_request where client_id = :id")
			.param("id", account.id())
			.query(Long.class)
			.single();
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		clock.advance(Duration.ofSeconds(30));
		return browser;
	}

}

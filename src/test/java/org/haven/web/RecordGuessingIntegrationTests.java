package org.haven.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.care.TestCare.IntakeAnswers;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every endpoint of the access table that takes the id of a care request, a care
 * relationship or an appointment, called with the real id of someone else's record by a
 * client and a therapist who are not its parties: each answers 404 and changes nothing
 * (records, audit trail, mail).
 */
class RecordGuessingIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Test
	void guessingTheIdOfSomeoneElsesRecordFindsNothingAndWritesNothing() {
		TestPractice practice = TestPractice.open(context, uniqueEmail("guarded-therapist"));
		TestAccount client = practice.clientInCare(uniqueEmail("guarded-client"), true);
		FreeSlot slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID appointment = practice.book(client, slot, "VIDEO");
		FreeSlot elsewhere = practice.freeSlotAfter(slot.start().plus(Duration.ofDays(1)));
		UUID relationship = jdbc.sql("select id from care_relationship where client_id = :c")
			.param("c", client.id())
			.query(UUID.class)
			.single();
		TestAccount asking = practice.accounts().client(uniqueEmail("asking"));
		UUID request = practice.care()
			.request(asking.id(), practice.therapist().id(),
					IntakeAnswers.video("Private words", "US-NY", "Albany", "Kim"));
		Map<String, UUID> records = new LinkedHashMap<>();
		records.put("/care/requests/", request);
		records.put("/care/relationships/", relationship);
		records.put("/appointments/", appointment);
		records.put("/api/v1/appointments/", appointment);
		records.put("/visits/", appointment);
		records.put("/messages/", relationship);
		records.put("/api/v1/messages/", relationship);

		TestPractice otherPractice = TestPractice.open(context, uniqueEmail("other-therapist"));
		List<WebSession> strangers = List.of(signedIn(otherPractice.clientInCare(uniqueEmail("other-client"), true)),
				signedIn(otherPractice.therapist()));

		List<String> tried = new ArrayList<>();
		for (AccessControlIntegrationTests.Endpoint endpoint : AccessControlIntegrationTests.ENDPOINTS) {
			String pattern = endpoint.pattern().replace("{conversation}", "{id}");
			String prefix = records.keySet()
				.stream()
				.filter(p -> pattern.startsWith(p + "{id}"))
				.findFirst()
				.orElse(null);
			if (prefix == null) {
				continue;
			}
			String path = pattern.replace("{id}", records.get(prefix).toString())
				.replace("{attachment}", UUID.randomUUID().toString())
				.replace("{thread}", UUID.randomUUID().toString());
			for (WebSession stranger : strangers) {
				String before = snapshot(request, relationship, appointment);
				Response response = endpoint.method().equals("GET") ? stranger.get(path)
						: endpoint.api() ? stranger.postJson(path, "{\"start\":\"" + elsewhere.start() + "\"}")
								: stranger.post(path, withStart(endpoint.form(), elsewhere));
				assertThat(response.status()).as(endpoint + " with a real id").isEqualTo(404);
				assertThat(snapshot(request, relationship, appointment)).as(endpoint + " wrote something")
					.isEqualTo(before);
			}
			tried.add(endpoint.toString());
		}
		assertThat(tried).contains("GET /messages/{id}", "GET /messages/{id}/export",
				"GET /messages/{conversation}/letters", "GET /appointments/{id}", "POST /appointments/{id}/cancel",
				"POST /appointments/{id}/reschedule", "POST /api/v1/appointments/{id}/cancel",
				"POST /api/v1/appointments/{id}/reschedule", "GET /care/requests/{id}",
				"POST /care/requests/{id}/accept", "POST /care/relationships/{id}/end", "GET /visits/{id}",
				"POST /visits/{id}/check-in");
	}

	private static Map<String, String> withStart(Map<String, String> form, FreeSlot slot) {
		Map<String, String> values = new LinkedHashMap<>(form);
		values.put("start", slot.start().toString());
		return values;
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		browser.get("/home");
		return browser;
	}

	/**
	 * What a forbidden call could have changed: the three records, their audit entries
	 * and the mail outbox.
	 */
	private String snapshot(UUID request, UUID relationship, UUID appointment) {
		return jdbc.sql("select status || ' ' || coalesce(therapist_message, '') from care_request where id = :id")
			.param("id", request)
			.query(String.class)
			.single()
				+ " | "
				+ jdbc.sql("select coalesce(cast(ended_at as varchar), 'active') from care_relationship where id = :id")
					.param("id", relationship)
					.query(String.class)
					.single()
				+ " | "
				+ jdbc.sql(
						"select status || ' ' || cast(starts_at as varchar) || ' ' || sequence from appointment where id = :id")
					.param("id", appointment)
					.query(String.class)
					.single()
				+ " | audit "
				+ jdbc.sql("select count(*) from audit_entry where subject in (:subjects)")
					.param("subjects",
							List.of("care-request:" + request, "care-relationship:" + relationship,
									"appointment:" + appointment, "conversation:" + relationship))
					.query(Long.class)
					.single()
				+ " | messages "
				+ jdbc
					.sql("""
							select count(*) + coalesce(sum(length(coalesce(body, ''))), 0) from conversation_item where conversation_id = :id""")
					.param("id", relationship)
					.query(Long.class)
					.single()
				+ " | files and drafts "
				+ jdbc
					.sql("""
							select (select count(*) from message_attachment) + (select count(*) from letter_draft) + (select count(*) from letter_thread)""")
					.query(Long.class)
					.single()
				+ " | mail " + jdbc.sql("select count(*) from mail_outbox").query(Long.class).single();
	}

}

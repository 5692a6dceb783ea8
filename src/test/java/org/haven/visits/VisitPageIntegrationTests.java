package org.haven.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The waiting room and the therapist's room as pages: the join window, the check-in, who
 * sees what.
 */
class VisitPageIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	TestAccount client;

	FreeSlot slot;

	UUID visit;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("visit-therapist"));
		client = practice.clientInCare(uniqueEmail("visit-client"), true);
		slot = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(1)));
		visit = practice.book(client, slot, "VIDEO");
	}

	@Test
	void theRoomOpensFifteenMinutesBeforeAndClosesAtTheEnd() {
		// Signed in afresh at each moment: a day of clock time would end any session for
		// inactivity.
		moveTo(slot.start().minus(Duration.ofMinutes(16)));
		assertThat(signedIn(client).get("/visits/" + visit).body()).contains("The waiting room opens at")
			.doesNotContain("Check in</button>");
		moveTo(slot.start().minus(Duration.ofMinutes(15)));
		assertThat(signedIn(client).get("/visits/" + visit).body()).contains("Check in</button>");
		moveTo(slot.end());
		assertThat(signedIn(client).get("/visits/" + visit).body()).contains("This session is over");
	}

	@Test
	void theClientChecksInAndTheTherapistSeesWhereTheyAre() {
		moveTo(slot.start().minus(Duration.ofMinutes(10)));
		WebSession browser = signedIn(client);
		browser.get("/visits/" + visit);
		assertThat(browser
			.post("/visits/" + visit + "/check-in",
					Map.of("location", "12 Oak Street, Albany", "jurisdiction", "us-ny", "phone", "+1 555 010 0100"))
			.location()).endsWith("/visits/" + visit);
		String waiting = browser.get("/visits/" + visit).body();
		assertThat(waiting).contains("Your therapist will admit you shortly")
			.containsPattern("/js/visit-[0-9a-f]{32}\\.js")
			.contains("data-role=\"client\"");
		assertThat(jdbc.sql("select location from visit_checkin where appointment_id = :id")
			.param("id", visit)
			.query(String.class)
			.single()).startsWith("v1.").doesNotContain("Oak");

		WebSession therapist = signedIn(practice.therapist());
		String room = therapist.get("/visits/" + visit).body();
		assertThat(room).contains("Your client checked in")
			.contains("12 Oak Street, Albany")
			.contains("US-NY")
			.contains("+1 555 010 0100")
			.contains("data-role=\"therapist\"");
	}

	@Test
	void bothRoomsCarryWhatComesNextForWhenTheSessionEnds() {
		FreeSlot next = practice.freeSlotAfter(slot.start());
		practice.book(client, next, "VIDEO");
		moveTo(slot.start().minus(Duration.ofMinutes(10)));
		WebSession browser = signedIn(client);
		browser.post("/visits/" + visit + "/check-in",
				Map.of("location", "Home", "jurisdiction", "US-NY", "phone", "+1 555 010 0100"));
		UUID conversation = context.getBean(CareRelationships.class)
			.active(client.id(), practice.therapist().id())
			.orElseThrow();

		String waiting = browser.get("/visits/" + visit).body();
		assertThat(waiting).contains("<section id=\"whats-next\"")
			.contains("Your next session with")
			.contains("/messages/" + conversation + "/letters/new")
			.as("no questionnaire completed: nothing to link to")
			.doesNotContain("/records/measures/clients/");
		String room = signedIn(practice.therapist()).get("/visits/" + visit).body();
		assertThat(room).contains("<section id=\"whats-next\"")
			.contains("Your next session with")
			.contains("/messages/" + conversation + "/letters/new");
	}

	@Test
	void aCheckInWithoutTheEmergencyDetailsIsRefusedAndNothingIsStored() {
		moveTo(slot.start().minus(Duration.ofMinutes(10)));
		WebSession browser = signedIn(client);
		browser.get("/visits/" + visit);
		Map<Map<String, String>, String> cases = Map.of(
				Map.of("location", "", "jurisdiction", "US-NY", "phone", "+1 555 010 0100"),
				"Say where you are right now",
				Map.of("location", "x".repeat(301), "jurisdiction", "US-NY", "phone", "+1 555 010 0100"),
				"Say where you are right now",
				Map.of("location", "Home\u202Eevil", "jurisdiction", "US-NY", "phone", "+1 555 010 0100"),
				"Say where you are right now",
				Map.of("location", "Home", "jurisdiction", "Narnia", "phone", "+1 555 010 0100"),
				"as a code such as US-CA", Map.of("location", "Home", "jurisdiction", "US-NY", "phone", "call me"),
				"Enter a phone number");
		cases.forEach((form, message) -> assertThat(browser.post("/visits/" + visit + "/check-in", form).body())
			.as(form.toString())
			.contains("There is a problem")
			.contains(message));
		assertThat(jdbc.sql("select count(*) from visit_checkin where appointment_id = :id")
			.param("id", visit)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void onlyTheTwoPartiesFindTheRoom() {
		moveTo(slot.start().minus(Duration.ofMinutes(10)));
		TestAccount otherClient = practice.clientInCare(uniqueEmail("other-visit-client"), true);
		TestAccount otherTherapist = TestPractice.open(context, uniqueEmail("other-visit-therapist")).therapist();
		for (TestAccount stranger : new TestAccount[] { otherClient, otherTherapist }) {
			WebSession browser = signedIn(stranger);
			assertThat(browser.get("/visits/" + visit).status()).isEqualTo(404);
			assertThat(browser
				.post("/visits/" + visit + "/check-in",
						Map.of("location", "Home", "jurisdiction", "US-NY", "phone", "+15550100100"))
				.status()).isEqualTo(404);
		}
		assertThat(jdbc.sql("select count(*) from visit_checkin where appointment_id = :id")
			.param("id", visit)
			.query(Long.class)
			.single()).isZero();
		practice.cancel(client.id(), visit);
		String closed = signedIn(client).get("/visits/" + visit).body();
		assertThat(closed).contains("This session is over or was cancelled")
			.as("what comes next, shown at once")
			.containsPattern("<section id=\"whats-next\"[^>]*>")
			.doesNotContainPattern("<section id=\"whats-next\"[^>]*hidden")
			.contains("No next session with");
	}

	private void moveTo(Instant instant) {
		clock.advance(Duration.between(clock.instant(), instant));
	}

	private WebSession signedIn(TestAccount account) {
		WebSession browser = browser();
		browser.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		browser.get("/home");
		return browser;
	}

}

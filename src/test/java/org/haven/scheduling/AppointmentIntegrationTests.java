package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.haven.directory.TestProfiles.Listing;
import org.haven.directory.TestProfiles;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.care.TestCare;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Slot;
import org.haven.scheduling.internal.SlotTaken;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class AppointmentIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Availability availability;

	@Autowired
	Bookings bookings;

	@Autowired
	AppointmentStore store;

	TestAccounts accounts;

	TestCare care;

	TestAccount therapist;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
		care = TestCare.in(context);
		therapist = accounts.therapist(uniqueEmail("booked-therapist"));
		TestProfiles.in(context)
			.publish(therapist.id(), new Listing("Dr. Booked", "US-NY", "LCSW", "NY-1", "America/New_York",
					List.of("VIDEO", "AUDIO"), List.of()));
		for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
			availability.addRule(therapist.id(), day, "09:00", "17:00");
		}
		availability.saveSettings(therapist.id(), new Availability.Settings(50, 10, 0, 14));
		care.publishConsentUnlessPublished(TestCare.CONSENT_BODY);
	}

	@Test
	void aClientInCareBooksAFreeTimeWhichThenDisappearsAndCancelsIt() {
		TestAccount client = clientInCare(true);
		WebSession browser = signedIn(client);
		Instant dayAfterTomorrow = clock.instant().plus(Duration.ofHours(48));
		Slot slot = availability.freeSlots(therapist.id())
			.stream()
			.filter(s -> s.start().isAfter(dayAfterTomorrow))
			.findFirst()
			.orElseThrow();

		String times = browser.get("/therapists/" + therapist.id() + "/times").body();
		assertThat(times).contains("Book");
		Response booked = browser.post("/appointments", Map.of("therapistId", therapist.id().toString(), "start",
				slot.start().toString(), "modality", "AUDIO"));
		assertThat(booked.location()).endsWith("/appointments?booked");
		assertThat(browser.get("/appointments").body()).contains("Test therapist").contains("audio");
		assertThat(availability.freeSlots(therapist.id())).doesNotContain(slot);

		WebSession therapistBrowser = browser();
		therapistBrowser.signIn(therapist.email(), therapist.password(), therapist.code());
		assertThat(therapistBrowser.get("/appointments").body()).contains("Test client");

		UUID id = store.upcoming(client.id()).get(0).id();
		WebSession stranger = signedIn(accounts.client(uniqueEmail("stranger")));
		stranger.get("/appointments");
		assertThat(stranger.post("/appointments/" + id + "/cancel", Map.of()).status()).isEqualTo(404);

		browser.get("/appointments");
		assertThat(browser.post("/appointments/" + id + "/cancel", Map.of()).location())
			.endsWith("/appointments?cancelled");
		assertThat(availability.freeSlots(therapist.id())).contains(slot);
	}

	@Test
	void cancellingWithinADayIsFlaggedLate() {
		TestAccount client = clientInCare(true);
		Slot soon = availability.freeSlots(therapist.id()).get(0);
		UUID id = bookings.book(client.id(), therapist.id(), soon.start(), "VIDEO");
		clock.advance(Duration.between(clock.instant(), soon.start()).minusHours(2));
		assertThat(bookings.cancel(client.id(), id)).contains(true);
	}

	@Test
	void bookingNeedsCareConsentAnOfferedModalityAndAFreeTime() {
		TestAccount stranger = accounts.client(uniqueEmail("not-in-care"));
		WebSession browser = signedIn(stranger);
		Slot slot = availability.freeSlots(therapist.id()).get(1);
		Response notInCare = browser.postJson("/api/v1/appointments", json(slot.start(), "VIDEO"));
		assertThat(notInCare.status()).isEqualTo(400);
		assertThat(notInCare.body()).contains("accepted you for care");

		TestAccount unsigned = clientInCare(false);
		WebSession unsignedBrowser = signedIn(unsigned);
		assertThat(unsignedBrowser.postJson("/api/v1/appointments", json(slot.start(), "VIDEO")).body())
			.contains("telehealth consent");

		TestAccount client = clientInCare(true);
		WebSession clientBrowser = signedIn(client);
		assertThat(clientBrowser.postJson("/api/v1/appointments", json(slot.start(), "SMS")).body())
			.contains("does not offer");
		assertThat(
				clientBrowser.postJson("/api/v1/appointments", json(slot.start().minus(Duration.ofDays(30)), "VIDEO"))
					.body())
			.contains("in the past");
		WebSession.Response offGrid = clientBrowser.postJson("/api/v1/appointments",
				json(slot.start().plusSeconds(60), "VIDEO"));
		assertThat(offGrid.status()).as("a time that was never free is not 'just taken'").isEqualTo(400);
		assertThat(offGrid.body()).contains("not one of the free times");
		assertThat(jdbc.sql("select count(*) from appointment where therapist_id = :id")
			.param("id", therapist.id())
			.query(Integer.class)
			.single()).isZero();

		Response created = clientBrowser.postJson("/api/v1/appointments", json(slot.start(), "VIDEO"));
		assertThat(created.status()).isEqualTo(201);
		Response again = clientBrowser.postJson("/api/v1/appointments", json(slot.start(), "VIDEO"));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.body()).contains("just taken");
	}

	@Test
	void twentyConcurrentBookingsOfOneTimeMakeExactlyOneAppointment() throws Exception {
		List<TestAccount> clients = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			clients.add(clientInCare(true));
		}
		Instant start = availability.freeSlots(therapist.id()).get(5).start();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Future<String>> results = new ArrayList<>();
		try {
			for (TestAccount client : clients) {
				Callable<String> booking = () -> {
					go.await();
					try {
						bookings.book(client.id(), therapist.id(), start, "VIDEO");
						return "booked";
					}
					catch (SlotTaken taken) {
						return "taken";
					}
				};
				results.add(pool.submit(booking));
			}
			go.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> result : results) {
				outcomes.add(result.get());
			}
			assertThat(outcomes).containsOnlyOnce("booked").hasSize(20);
			assertThat(outcomes.stream().filter("taken"::equals)).hasSize(19);
		}
		finally {
			pool.shutdown();
		}
		assertThat(jdbc.sql(
				"select count(*) from appointment where therapist_id = :id and starts_at = :start and status = 'BOOKED'")
			.param("id", therapist.id())
			.param("start", Timestamps.utc(start))
			.query(Integer.class)
			.single()).isOne();
	}

	private TestAccount clientInCare(boolean consented) {
		TestAccount client = accounts.client(uniqueEmail("in-care"));
		care.startCare(client.id(), therapist.id(),
				IntakeAnswers.video("Worried all the time.", "US-NY", "Albany", "Kim 555 0101"));
		if (consented) {
			care.signConsent(client.id(), "Test Client");
		}
		return client;
	}

	private String json(Instant start, String modality) {
		return "{\"therapistId\":\"" + therapist.id() + "\",\"start\":\"" + start + "\",\"modality\":\"" + modality
				+ "\"}";
	}

	private WebSession signedIn(TestAccount client) {
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		browser.get("/home");
		return browser;
	}

}

package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

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

		// The week of the slot: one choice of how to meet, and the slot as a button of
		// that one form.
		String week = slot.start().atZone(NEW_YORK).toLocalDate().toString();
		String times = browser.get("/therapists/" + therapist.id() + "/times?week=" + week).body();
		assertThat(times).containsOnlyOnce("<legend>How would you like to meet?</legend>")
			.contains("Video call", "Audio call")
			.doesNotContain(">VIDEO<", ">AUDIO<")
			.contains("name=\"start\" value=\"" + slot.start() + "\"")
			.contains("Book " + LONG_DAY.format(slot.startIn(NEW_YORK)) + ", " + slot.startIn(NEW_YORK).toLocalTime()
					+ "–")
			.contains("Times shown in America/New_York")
			.contains("24 hours")
			.contains("This therapist has not listed a fee.");
		assertThat(times.split("type=\"radio\"", -1)).hasSize(3);

		// Pressing the time shows what is about to be booked; nothing is booked yet.
		Response confirm = browser.post("/appointments/confirm", Map.of("therapistId", therapist.id().toString(),
				"start", slot.start().toString(), "modality", "AUDIO", "week", week));
		assertThat(confirm.status()).isEqualTo(200);
		assertThat(confirm.body()).contains("Confirm your session")
			.contains(LONG_DATE.format(slot.startIn(NEW_YORK)))
			.contains("Audio call")
			.contains("24 hours")
			.contains("Confirm booking");
		assertThat(store.upcoming(client.id())).isEmpty();

		Response booked = browser.post("/appointments", Map.of("therapistId", therapist.id().toString(), "start",
				slot.start().toString(), "modality", "AUDIO", "week", week));
		assertThat(booked.location()).endsWith("/appointments?booked");
		assertThat(browser.get("/appointments?booked").body()).contains("data-focus-on-load", "The session is booked",
				"with Test therapist (audio)");
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
	void aTimeTakenMeanwhileIsNotBookedAndTheWeekSaysWhy() {
		TestAccount client = clientInCare(true);
		WebSession browser = signedIn(client);
		Slot slot = availability.freeSlots(therapist.id()).get(2);
		String week = slot.start().atZone(NEW_YORK).toLocalDate().toString();
		browser.get("/therapists/" + therapist.id() + "/times?week=" + week + "&zone=Europe/London");
		bookings.book(clientInCare(true).id(), therapist.id(), slot.start(), "VIDEO");

		Response confirm = browser.post("/appointments/confirm", Map.of("therapistId", therapist.id().toString(),
				"start", slot.start().toString(), "modality", "VIDEO", "zone", "Europe/London", "week", week));
		String back = "/therapists/" + therapist.id() + "/times?week="
				+ slot.start().atZone(NEW_YORK).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
				+ "&zone=Europe/London";
		assertThat(confirm.location()).endsWith(back);
		assertThat(browser.get(back).body()).contains("Not booked").contains("no longer free");

		// The same when it goes at the last moment, between confirming and booking.
		Slot other = availability.freeSlots(therapist.id()).get(3);
		browser.get(back);
		assertThat(
				browser
					.post("/appointments/confirm",
							Map.of("therapistId", therapist.id().toString(), "start", other.start().toString(),
									"modality", "VIDEO"))
					.status())
			.isEqualTo(200);
		bookings.book(clientInCare(true).id(), therapist.id(), other.start(), "VIDEO");
		Response late = browser.post("/appointments", Map.of("therapistId", therapist.id().toString(), "start",
				other.start().toString(), "modality", "VIDEO", "zone", "Europe/London", "week", week));
		assertThat(late.location()).endsWith(back);
		assertThat(browser.get(back).body()).contains("Not booked").contains("just taken");
		assertThat(store.upcoming(client.id())).isEmpty();
	}

	@Test
	void onlyClientsInCareWithConsentSeeTimesTheyCanPress() {
		Slot slot = availability.freeSlots(therapist.id()).get(0);
		Map<String, String> form = Map.of("therapistId", therapist.id().toString(), "start", slot.start().toString(),
				"modality", "VIDEO");

		WebSession stranger = signedIn(accounts.client(uniqueEmail("stranger-times")));
		String notInCare = stranger.get("/therapists/" + therapist.id() + "/times").body();
		assertThat(notInCare).contains("ask for care from the profile").doesNotContain("name=\"start\"");
		assertThat(stranger.post("/appointments/confirm", form).location())
			.endsWith("/therapists/" + therapist.id() + "/times");

		WebSession unsigned = signedIn(clientInCare(false));
		assertThat(unsigned.get("/therapists/" + therapist.id() + "/times").body())
			.contains("read and sign the telehealth consent")
			.doesNotContain("name=\"start\"");
		assertThat(unsigned.post("/appointments/confirm", form).location())
			.endsWith("/therapists/" + therapist.id() + "/times");

		WebSession client = signedIn(clientInCare(true));
		client.get("/therapists/" + therapist.id() + "/times");
		Response sms = client.post("/appointments/confirm",
				Map.of("therapistId", therapist.id().toString(), "start", slot.start().toString(), "modality", "SMS"));
		assertThat(sms.location()).endsWith("/therapists/" + therapist.id() + "/times");
		assertThat(client.get("/therapists/" + therapist.id() + "/times").body()).contains("Not booked")
			.contains("Choose how you would like to meet");
		assertThat(client
			.post("/appointments/confirm",
					Map.of("therapistId", therapist.id().toString(), "start", "tomorrow", "modality", "VIDEO"))
			.location()).endsWith("/therapists/" + therapist.id() + "/times");
		assertThat(client.get("/therapists/" + therapist.id() + "/times").body())
			.contains("That time was not understood.");
	}

	@Test
	void theFeeIsTheOneTheProfileLists() {
		TestAccount priced = accounts.therapist(uniqueEmail("priced-therapist"));
		TestProfiles.in(context)
			.publish(priced.id(),
					new Listing("Dr. Priced", "US-NY", "LCSW", "NY-2", "America/New_York", List.of("VIDEO"), List.of()),
					"$120 per 50-minute session", "Ask about a reduced fee if cost is a barrier.");
		TestPractice.of(context, priced, "US-NY").everyDay("09:00", "17:00").settings(50, 10, 0, 14);
		TestAccount client = accounts.client(uniqueEmail("priced-client"));
		care.startCare(client.id(), priced.id(),
				IntakeAnswers.video("Worried all the time.", "US-NY", "Albany", "Kim 555 0101"));
		care.signConsent(client.id(), "Test Client");
		WebSession browser = signedIn(client);
		String times = browser.get("/therapists/" + priced.id() + "/times").body();
		assertThat(times).contains("$120 per 50-minute session")
			.contains("Ask about a reduced fee")
			.doesNotContain("How would you like to meet?")
			.contains("You meet by video call.");
		Slot slot = availability.freeSlots(priced.id()).get(0);
		assertThat(browser
			.post("/appointments/confirm",
					Map.of("therapistId", priced.id().toString(), "start", slot.start().toString(), "modality",
							"VIDEO"))
			.body()).contains("$120 per 50-minute session").contains("Video call");
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

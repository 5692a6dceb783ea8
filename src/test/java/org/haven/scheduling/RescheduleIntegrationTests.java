package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import static java.time.DayOfWeek.MONDAY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.scheduling.internal.SlotTaken;
import org.haven.shared.time.Timestamps;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class RescheduleIntegrationTests extends IntegrationTest {

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	@Autowired
	ApplicationContext context;

	@Autowired
	Bookings bookings;

	@Autowired
	AppointmentStore store;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("move-therapist"));
	}

	@Test
	void aClientMovesASessionOnTheSessionPageAndTheOldTimeIsFreeAgain() {
		TestAccount client = practice.clientInCare(uniqueEmail("mover"), true);
		FreeSlot from = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, from, "VIDEO");
		FreeSlot to = practice.freeSlotAfter(from.start().plus(Duration.ofDays(1)));
		WebSession browser = signedIn(client);

		String page = browser.get("/appointments/" + id).body();
		assertThat(page).contains("Your session")
			.contains("Test therapist")
			.contains("America/New_York")
			.contains("Move to another time");
		String week = browser.get("/appointments/" + id + "/reschedule?week=" + to.startIn(NEW_YORK).toLocalDate())
			.body();
		assertThat(week).contains("name=\"start\" value=\"" + to.start() + "\"")
			.contains("aria-label=\"Move to " + LONG_DAY.format(to.startIn(NEW_YORK)) + ", "
					+ TIME.format(to.startIn(NEW_YORK)) + "–")
			.contains("Keep the current time");
		assertThat(
				browser.post("/appointments/" + id + "/reschedule", Map.of("start", to.start().toString())).location())
			.endsWith("/appointments/" + id + "?moved");

		Appointment moved = store.find(client.id(), id).orElseThrow();
		assertThat(moved.start()).isEqualTo(to.start());
		assertThat(moved.sequence()).isEqualTo(1);
		assertThat(practice.freeSlots()).contains(from).doesNotContain(to);
		assertThat(jdbc.sql("select count(*) from appointment_claim where appointment_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(
				jdbc.sql("select count(*) from audit_entry where action = 'APPOINTMENT_RESCHEDULED' and subject = :s")
					.param("s", "appointment:" + id)
					.query(Long.class)
					.single())
			.isEqualTo(1);
	}

	@Test
	void theNewTimeIsChosenAWeekAtATimeStartingWithTheWeekOfTheSession() {
		TestAccount client = practice.clientInCare(uniqueEmail("week-mover"), true);
		FreeSlot from = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, from, "VIDEO");
		WebSession browser = signedIn(client);
		String page = "/appointments/" + id + "/reschedule";
		LocalDate sessionWeek = from.startIn(NEW_YORK).toLocalDate().with(TemporalAdjusters.previousOrSame(MONDAY));
		LocalDate nextWeek = sessionWeek.plusWeeks(1);

		// One form, posting to the move; every free time of the week one button of it.
		String first = browser.get(page).body();
		assertThat(text(first))
			.contains("Now: " + LONG_DATE.format(from.startIn(NEW_YORK)) + ", " + TIME.format(from.startIn(NEW_YORK))
					+ "–")
			.contains("Times shown in America/New_York")
			.contains("Week of " + LONG_DATE.format(sessionWeek))
			.contains(TIME.format(from.startIn(NEW_YORK)) + "–" + TIME.format(from.end().atZone(NEW_YORK))
					+ ", your session now");
		assertThat(first).contains("href=\"" + page + "?week=" + nextWeek + "\" rel=\"next\"")
			.doesNotContain("value=\"" + from.start() + "\"");
		assertThat(count(first, "<form action=\"" + page + "\" method=\"post\"")).isOne();
		List<FreeSlot> inWeek = practice.freeSlots()
			.stream()
			.filter(s -> !s.startIn(NEW_YORK).toLocalDate().isBefore(sessionWeek)
					&& s.startIn(NEW_YORK).toLocalDate().isBefore(nextWeek))
			.toList();
		assertThat(inWeek).isNotEmpty();
		assertThat(count(first, "name=\"start\"")).isEqualTo(inWeek.size());

		// The next week, and back: the week's own times only.
		String second = browser.get(page + "?week=" + nextWeek.plusDays(3)).body();
		FreeSlot later = practice.freeSlotAfter(nextWeek.atStartOfDay(NEW_YORK).toInstant());
		assertThat(text(second)).contains("Week of " + LONG_DATE.format(nextWeek));
		assertThat(second).contains("href=\"" + page + "?week=" + sessionWeek + "\" rel=\"prev\"")
			.contains("value=\"" + later.start() + "\"")
			.doesNotContain("value=\"" + inWeek.get(0).start() + "\"");

		// A week not understood is explained, over the week of the session.
		String unknown = browser.get(page + "?week=someday").body();
		assertThat(text(unknown)).contains("There is a problem")
			.contains("That week was not understood")
			.contains("Week of " + LONG_DATE.format(sessionWeek));
		assertThat(browser.get(page + "?week=2020-01-06").body()).doesNotContain("There is a problem")
			.doesNotContain("rel=\"prev\"");
	}

	@Test
	void nobodyElseCanSeeOrMoveASession() {
		TestAccount client = practice.clientInCare(uniqueEmail("owner"), true);
		FreeSlot from = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, from, "VIDEO");
		FreeSlot to = practice.freeSlotAfter(from.start().plus(Duration.ofDays(1)));
		TestPractice otherPractice = TestPractice.open(context, uniqueEmail("other-therapist"));
		for (TestAccount stranger : List.of(practice.clientInCare(uniqueEmail("same-therapist-client"), true),
				otherPractice.therapist())) {
			WebSession browser = browser();
			browser.signIn(stranger.email(), stranger.password(),
					stranger.totpSecret() == null ? null : stranger.code());
			browser.get("/home");
			assertThat(browser.get("/appointments/" + id).status()).isEqualTo(404);
			assertThat(browser.get("/appointments/" + id + "/reschedule").status()).isEqualTo(404);
			assertThat(browser.post("/appointments/" + id + "/reschedule", Map.of("start", to.start().toString()))
				.status()).isEqualTo(404);
			assertThat(
					browser.postJson("/api/v1/appointments/" + id + "/reschedule", "{\"start\":\"" + to.start() + "\"}")
						.status())
				.isEqualTo(404);
			assertThat(browser.postJson("/api/v1/appointments/" + id + "/cancel", "{}").status()).isEqualTo(404);
		}
		Appointment unchanged = store.find(client.id(), id).orElseThrow();
		assertThat(unchanged.start()).isEqualTo(from.start());
		assertThat(unchanged.booked()).isTrue();
	}

	@Test
	void badTimesAreRefusedWithAClearReasonAndChangeNothing() {
		TestAccount client = practice.clientInCare(uniqueEmail("careful"), true);
		FreeSlot from = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		UUID id = practice.book(client, from, "VIDEO");
		WebSession browser = signedIn(client);
		browser.get("/appointments/" + id + "/reschedule");
		Map<String, String> expected = Map.of("not-a-time", "That time was not understood.",
				clock.instant().minus(Duration.ofHours(1)).toString(), "That time is in the past.",
				from.start().toString(), "That is already the time of this session.",
				from.start().plus(Duration.ofMinutes(7)).toString(), "just taken",
				from.start().plus(Duration.ofDays(1)).plus(Duration.ofMinutes(7)).toString(),
				"not one of the free times");
		expected.forEach((start, message) -> {
			assertThat(browser.post("/appointments/" + id + "/reschedule", Map.of("start", start)).location())
				.endsWith("/reschedule");
			assertThat(browser.get("/appointments/" + id + "/reschedule").body()).as(start)
				.contains("Not moved")
				.contains(message);
		});
		assertThat(store.find(client.id(), id).orElseThrow().start()).isEqualTo(from.start());
		assertThat(store.find(client.id(), id).orElseThrow().sequence()).isZero();
	}

	@Test
	void theApiAnswers409WhenTheNewTimeWasJustTaken() {
		TestAccount client = practice.clientInCare(uniqueEmail("api-mover"), true);
		TestAccount other = practice.clientInCare(uniqueEmail("api-other"), true);
		FreeSlot from = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(2)));
		FreeSlot to = practice.freeSlotAfter(from.start().plus(Duration.ofDays(1)));
		UUID id = practice.book(client, from, "VIDEO");
		practice.book(other, to, "VIDEO");
		WebSession browser = signedIn(client);
		assertThat(browser.postJson("/api/v1/appointments/" + id + "/reschedule", "{\"start\":\"" + to.start() + "\"}")
			.status()).isEqualTo(409);
		FreeSlot free = practice.freeSlotAfter(to.start());
		WebSession.Response moved = browser.postJson("/api/v1/appointments/" + id + "/reschedule",
				"{\"start\":\"" + free.start() + "\"}");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.body()).contains(free.start().toString());
	}

	@Test
	void twentyConcurrentMovesToOneTimeLeaveExactlyOneThere() throws Exception {
		FreeSlot target = practice.freeSlotAfter(clock.instant().plus(Duration.ofDays(5)));
		List<UUID> ids = new ArrayList<>();
		List<TestAccount> clients = new ArrayList<>();
		Instant after = clock.instant().plus(Duration.ofDays(1));
		for (int i = 0; i < 20; i++) {
			TestAccount client = practice.clientInCare(uniqueEmail("racer"), true);
			FreeSlot slot = practice.freeSlotAfter(after);
			after = slot.start();
			if (slot.start().equals(target.start())) {
				slot = practice.freeSlotAfter(target.start());
				after = slot.start();
			}
			clients.add(client);
			ids.add(practice.book(client, slot, "VIDEO"));
		}
		ExecutorService pool = Executors.newFixedThreadPool(20);
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<Boolean>> moves = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			UUID client = clients.get(i).id();
			UUID id = ids.get(i);
			moves.add(() -> {
				start.await();
				try {
					return bookings.reschedule(client, id, target.start()).isPresent();
				}
				catch (SlotTaken taken) {
					return false;
				}
			});
		}
		List<Future<Boolean>> results = new ArrayList<>();
		moves.forEach(m -> results.add(pool.submit(m)));
		start.countDown();
		int won = 0;
		for (Future<Boolean> result : results) {
			won += result.get() ? 1 : 0;
		}
		pool.shutdown();
		assertThat(won).isEqualTo(1);
		assertThat(jdbc
			.sql("select count(*) from appointment where therapist_id = :t and starts_at = :s and status = 'BOOKED'")
			.param("t", practice.therapist().id())
			.param("s", Timestamps.utc(target.start()))
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/** A page's text without its tags. */
	private static String text(String html) {
		return html.replaceAll("<[^>]+>", "");
	}

	private static long count(String page, String part) {
		return page.split(java.util.regex.Pattern.quote(part), -1).length - 1L;
	}

	private WebSession signedIn(TestAccount client) {
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		browser.get("/home");
		return browser;
	}

}

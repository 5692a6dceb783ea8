package org.haven.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.internal.Appointment;
import org.haven.scheduling.internal.AppointmentStore;
import org.haven.scheduling.TestPractice.FreeSlot;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

class TherapistBookingIntegrationTests extends IntegrationTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Autowired
	ApplicationContext context;

	@Autowired
	AppointmentStore store;

	@Autowired
	JdbcClient jdbc;

	TestPractice practice;

	WebSession therapist;

	@BeforeEach
	void setUp() {
		practice = TestPractice.open(context, uniqueEmail("series-therapist"));
		therapist = browser();
		therapist.signIn(practice.therapist().email(), practice.therapist().password(), practice.therapist().code());
		therapist.get("/therapist/book");
	}

	@Test
	void aTherapistBooksAWeeklySeriesThatKeepsItsClockTimeAcrossTheSpringChange() {
		TestAccount client = practice.clientInCare(uniqueEmail("series-client"), true);
		// US clocks go forward on 14 March 2027: the series runs 1, 8, 15 and 22 March,
		// always at 10:00 New York time.
		assertThat(therapist.post("/therapist/book", form(client, "2027-03-01", "10:00", "WEEKLY", "4")).location())
			.endsWith("/appointments?bookedFor=4");
		List<Appointment> booked = store.upcoming(client.id());
		assertThat(booked).hasSize(4);
		assertThat(booked).extracting(a -> a.start().atZone(NEW_YORK).toLocalTime()).containsOnly(LocalTime.of(10, 0));
		assertThat(booked).extracting(a -> a.start().atZone(NEW_YORK).toLocalDate())
			.containsExactly(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 15),
					LocalDate.of(2027, 3, 22));
		assertThat(Duration.between(booked.get(1).start(), booked.get(2).start()))
			.isEqualTo(Duration.ofDays(7).minusHours(1));
		assertThat(jdbc.sql("select count(distinct series_id) from appointment where client_id = :c")
			.param("c", client.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from appointment where client_id = :c and booked_by = :t")
			.param("c", client.id())
			.param("t", practice.therapist().id())
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void aFortnightlySeriesSkipsAWeek() {
		TestAccount client = practice.clientInCare(uniqueEmail("fortnight-client"), true);
		LocalDate first = LocalDate.ofInstant(clock.instant(), NEW_YORK).plusDays(3);
		therapist.post("/therapist/book", form(client, first.toString(), "14:00", "FORTNIGHTLY", "3"));
		assertThat(store.upcoming(client.id())).extracting(a -> a.start().atZone(NEW_YORK).toLocalDate())
			.containsExactly(first, first.plusWeeks(2), first.plusWeeks(4));
	}

	@Test
	void ifOneSessionOfTheSeriesIsNotFreeNothingIsBookedAndTheDateIsNamed() {
		TestAccount client = practice.clientInCare(uniqueEmail("blocked-client"), true);
		TestAccount other = practice.clientInCare(uniqueEmail("first-come"), true);
		LocalDate first = LocalDate.ofInstant(clock.instant(), NEW_YORK).plusDays(2);
		Instant second = LocalDateTime.of(first.plusWeeks(1), LocalTime.of(11, 0)).atZone(NEW_YORK).toInstant();
		practice.book(other, new FreeSlot(second, second.plus(Duration.ofMinutes(50))), "VIDEO");

		String page = therapist.post("/therapist/book", form(client, first.toString(), "11:00", "WEEKLY", "4")).body();
		assertThat(page).contains("Nothing was booked").contains(first.plusWeeks(1).getDayOfMonth() + " ");
		assertThat(store.upcoming(client.id())).isEmpty();
		assertThat(store.upcoming(other.id())).hasSize(1);
	}

	@Test
	void badInputGetsAClearErrorAndBooksNothing() {
		TestAccount client = practice.clientInCare(uniqueEmail("bad-input-client"), true);
		TestAccount unsigned = practice.clientInCare(uniqueEmail("unsigned-client"), false);
		TestAccount stranger = practice.accounts().client(uniqueEmail("not-in-care"));
		String next = LocalDate.ofInstant(clock.instant(), NEW_YORK).plusDays(2).toString();
		Map<Map<String, String>, String> cases = new HashMap<>();
		cases.put(form(client, "2027-02-30", "10:00", "NONE", "1"), "YYYY-MM-DD");
		cases.put(form(client, next, "25:00", "NONE", "1"), "HH:MM");
		cases.put(form(client, next, "10:00", "DAILY", "1"), "every other week");
		cases.put(form(client, next, "10:00", "WEEKLY", "0"), "from 1 to 26");
		cases.put(form(client, next, "10:00", "WEEKLY", "27"), "from 1 to 26");
		cases.put(form(client, next, "10:00", "WEEKLY", "many"), "how many sessions");
		cases.put(form(client, next, "10:30", "NONE", "1"), "not free in your calendar");
		cases.put(form(client, next, "20:00", "NONE", "1"), "not free in your calendar");
		cases.put(form(client, "2020-01-06", "10:00", "NONE", "1"), "in the past");
		cases.put(form(client, "2027-03-14", "02:30", "NONE", "1"), "clocks skip");
		cases.put(form(unsigned, next, "10:00", "NONE", "1"), "telehealth consent");
		cases.put(form(stranger, next, "10:00", "NONE", "1"), "in your care");
		cases.put(withModality(form(client, next, "10:00", "NONE", "1"), "CHAT"), "does not offer");
		cases.put(withModality(form(client, next, "10:00", "NONE", "1"), "TELEPATHY"), "Unknown modality");
		Map<String, String> notAnId = new HashMap<>(form(client, next, "10:00", "NONE", "1"));
		notAnId.put("client", "not-an-id");
		cases.put(notAnId, "in your care");
		cases.forEach((form, message) -> {
			String page = therapist.post("/therapist/book", form).body();
			assertThat(page).as(form.toString()).contains("There is a problem").contains(message);
		});
		assertThat(jdbc.sql("select count(*) from appointment where therapist_id = :t")
			.param("t", practice.therapist().id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void theFormOffersOnlyTheTherapistsOwnClients() {
		TestAccount mine = practice.clientInCare(uniqueEmail("mine"), true);
		TestPractice other = TestPractice.open(context, uniqueEmail("other-practice"));
		TestAccount theirs = other.clientInCare(uniqueEmail("theirs"), true);
		String page = therapist.get("/therapist/book").body();
		assertThat(page).contains(mine.id().toString()).doesNotContain(theirs.id().toString());
		String refused = therapist
			.post("/therapist/book",
					form(theirs, LocalDate.ofInstant(clock.instant(), NEW_YORK).plusDays(2).toString(), "10:00", "NONE",
							"1"))
			.body();
		assertThat(refused).contains("in your care");
		assertThat(store.upcoming(theirs.id())).isEmpty();
	}

	private static Map<String, String> form(TestAccount client, String date, String time, String repeat, String count) {
		return Map.of("client", client.id().toString(), "date", date, "time", time, "modality", "VIDEO", "repeat",
				repeat, "count", count);
	}

	private static Map<String, String> withModality(Map<String, String> form, String modality) {
		Map<String, String> changed = new HashMap<>(form);
		changed.put("modality", modality);
		return changed;
	}

}

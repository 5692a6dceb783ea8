package org.haven.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.haven.care.TestCare;
import org.haven.care.TestCare.IntakeAnswers;
import org.haven.directory.TestProfiles;
import org.haven.directory.TestProfiles.Listing;
import org.haven.identity.TestAccounts;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.internal.Bookings;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Slot;
import org.springframework.context.ApplicationContext;

/**
 * A therapist's practice: weekly hours, session settings, clients in care and their
 * booked sessions, built through scheduling's own classes. The one place in other
 * modules' tests that knows how bookings are made.
 * <p>
 * {@link #open} gives a therapist in New York with a published profile (video and audio),
 * open every day from 09:00 to 17:00 with 50-minute sessions, no minimum notice and a
 * 14-day horizon.
 */
public final class TestPractice {

	public static final String INTAKE_REASON = "Worried all the time about my marriage.";

	static final Listing LISTING = new Listing("Dr. Practice", "US-NY", "LCSW", "NY-1", "America/New_York",
			List.of("VIDEO", "AUDIO"), List.of("anxiety"));

	private final TestAccounts accounts;

	private final TestCare care;

	private final Availability availability;

	private final Bookings bookings;

	private final TestAccount therapist;

	private final String jurisdiction;

	private TestPractice(ApplicationContext context, TestAccount therapist, String jurisdiction) {
		this.accounts = TestAccounts.in(context);
		this.care = TestCare.in(context);
		this.availability = context.getBean(Availability.class);
		this.bookings = context.getBean(Bookings.class);
		this.therapist = therapist;
		this.jurisdiction = jurisdiction;
	}

	public static TestPractice open(ApplicationContext context, String therapistEmail) {
		TestAccount therapist = TestAccounts.in(context).therapist(therapistEmail);
		TestProfiles.in(context).publish(therapist.id(), LISTING);
		TestPractice practice = of(context, therapist, LISTING.jurisdiction()).everyDay("09:00", "17:00")
			.settings(50, 10, 0, 14);
		practice.care.publishConsentUnlessPublished(TestCare.CONSENT_BODY);
		return practice;
	}

	/**
	 * The practice of a therapist whose listing the caller published (licensed in the
	 * jurisdiction): no hours and default settings until given.
	 */
	public static TestPractice of(ApplicationContext context, TestAccount therapist, String jurisdiction) {
		return new TestPractice(context, therapist, jurisdiction);
	}

	/** Open on this day of every week, in the therapist's zone. */
	public TestPractice hours(DayOfWeek day, String start, String end) {
		availability.addRule(therapist.id(), day.name(), start, end);
		return this;
	}

	public TestPractice everyDay(String start, String end) {
		for (DayOfWeek day : DayOfWeek.values()) {
			hours(day, start, end);
		}
		return this;
	}

	public TestPractice settings(int sessionMinutes, int bufferMinutes, int noticeHours, int horizonDays) {
		availability.saveSettings(therapist.id(),
				new Availability.Settings(sessionMinutes, bufferMinutes, noticeHours, horizonDays));
		return this;
	}

	public TestAccount therapist() {
		return therapist;
	}

	public TestAccounts accounts() {
		return accounts;
	}

	/** Care as this practice's clients come into it. */
	public TestCare care() {
		return care;
	}

	/**
	 * A client the therapist accepted for care; with {@code consented}, they signed the
	 * current consent.
	 */
	public TestAccount clientInCare(String email, boolean consented) {
		TestAccount client = accounts.client(email);
		care.startCare(client.id(), therapist.id(),
				IntakeAnswers.video(INTAKE_REASON, jurisdiction, "Albany", "Kim 555 0101"));
		if (consented) {
			care.signConsent(client.id(), "Test Client");
		}
		return client;
	}

	/** Every time still free to book, soonest first. */
	public List<FreeSlot> freeSlots() {
		return freeSlots(availability, therapist.id());
	}

	/**
	 * Every time still free to book with a therapist set up elsewhere (a seed), soonest
	 * first.
	 */
	public static List<FreeSlot> freeSlotsOf(ApplicationContext context, UUID therapistId) {
		return freeSlots(context.getBean(Availability.class), therapistId);
	}

	private static List<FreeSlot> freeSlots(Availability availability, UUID therapistId) {
		return availability.freeSlots(therapistId).stream().map(FreeSlot::of).toList();
	}

	/** The first free slot starting after the instant. */
	public FreeSlot freeSlotAfter(Instant after) {
		return freeSlotsAfter(after, 1).stream().findFirst().orElseThrow();
	}

	/** The first {@code count} free slots starting after the instant. */
	public List<FreeSlot> freeSlotsAfter(Instant after, int count) {
		return freeSlots().stream().filter(s -> s.start().isAfter(after)).limit(count).toList();
	}

	/**
	 * The client books the slot, as on the booking page; returns the appointment's id.
	 */
	public UUID book(TestAccount client, FreeSlot slot, String modality) {
		return book(client.id(), slot.start(), modality);
	}

	public UUID book(UUID clientId, Instant start, String modality) {
		return bookings.book(clientId, therapist.id(), start, modality);
	}

	/**
	 * A party cancels; empty for an appointment they cannot see, else whether it was
	 * late.
	 */
	public Optional<Boolean> cancel(UUID accountId, UUID appointmentId) {
		return bookings.cancel(accountId, appointmentId);
	}

	/** A party moves the appointment; its new start, empty if they cannot see it. */
	public Optional<Instant> reschedule(UUID accountId, UUID appointmentId, Instant start) {
		return bookings.reschedule(accountId, appointmentId, start).map(a -> a.start());
	}

	/** A bookable span of real time. */
	public record FreeSlot(Instant start, Instant end) {

		static FreeSlot of(Slot slot) {
			return new FreeSlot(slot.start(), slot.end());
		}

		/** The start as a viewer in {@code zone} sees it on their clock. */
		public ZonedDateTime startIn(ZoneId zone) {
			return start.atZone(zone);
		}

	}

}

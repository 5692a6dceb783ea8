package org.haven.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.care.internal.Intake;
import org.haven.care.internal.Consents;
import org.haven.directory.internal.Profiles;
import org.haven.identity.internal.TestAccounts;
import org.haven.identity.internal.TestAccounts.TestAccount;
import org.haven.scheduling.internal.Appointments;
import org.haven.scheduling.internal.Availability;
import org.haven.scheduling.internal.Slot;
import org.springframework.context.ApplicationContext;

/**
 * A therapist in New York with a published profile (video and audio), open every day from
 * 09:00 to 17:00 with 50-minute sessions, no minimum notice and a 14-day horizon, and
 * clients in care with them.
 */
public final class TestPractice {

	public static final String INTAKE_REASON = "Worried all the time about my marriage.";

	private final TestAccounts accounts;

	private final Intake intake;

	private final Consents consents;

	private final Availability availability;

	private final Appointments appointments;

	private final TestAccount therapist;

	private TestPractice(ApplicationContext context, String therapistEmail) {
		this.accounts = TestAccounts.in(context);
		this.intake = context.getBean(Intake.class);
		this.consents = context.getBean(Consents.class);
		this.availability = context.getBean(Availability.class);
		this.appointments = context.getBean(Appointments.class);
		Profiles profiles = context.getBean(Profiles.class);
		this.therapist = accounts.therapist(therapistEmail);
		profiles.addLicence(therapist.id(), "US-NY", "LCSW", "NY-1", LocalDate.now().plusYears(1).toString());
		profiles.save(therapist.id(), new Profiles.ProfileForm("Dr. Practice", null, null, null, null, true,
				"America/New_York", true, List.of("VIDEO", "AUDIO"), List.of("anxiety"), List.of(), List.of()));
		for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
			availability.addRule(therapist.id(), day, "09:00", "17:00");
		}
		availability.saveSettings(therapist.id(), new Availability.Settings(50, 10, 0, 14));
		if (consents.current().isEmpty()) {
			consents.publish(null, "Telehealth consent", "Emergency plan: call your local emergency number.");
		}
	}

	public static TestPractice open(ApplicationContext context, String therapistEmail) {
		return new TestPractice(context, therapistEmail);
	}

	public TestAccount therapist() {
		return therapist;
	}

	public TestAccounts accounts() {
		return accounts;
	}

	/**
	 * A client the therapist accepted for care; with {@code consented}, they signed the
	 * current consent.
	 */
	public TestAccount clientInCare(String email, boolean consented) {
		TestAccount client = accounts.client(email);
		UUID request = intake.request(client.id(), therapist.id(),
				new Intake.RequestForm(INTAKE_REASON, List.of("VIDEO"), "US-NY", "Albany", "Kim 555 0101"));
		intake.accept(therapist.id(), request, null);
		if (consented) {
			consents.sign(client.id(), consents.current().orElseThrow().version(), "Test Client", true, "127.0.0.1");
		}
		return client;
	}

	/** The first free slot starting after the instant. */
	public Slot freeSlotAfter(Instant after) {
		return availability.freeSlots(therapist.id())
			.stream()
			.filter(s -> s.start().isAfter(after))
			.findFirst()
			.orElseThrow();
	}

	/** The first {@code count} free slots starting after the instant. */
	public java.util.List<Slot> freeSlotsAfter(Instant after, int count) {
		return availability.freeSlots(therapist.id())
			.stream()
			.filter(s -> s.start().isAfter(after))
			.limit(count)
			.toList();
	}

	public UUID book(TestAccount client, Slot slot, String modality) {
		return appointments.book(client.id(), therapist.id(), slot.start(), modality);
	}

}

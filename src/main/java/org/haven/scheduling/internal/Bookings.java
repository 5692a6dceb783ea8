package org.haven.scheduling.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.scheduling.internal.BookingTerms.Terms;
import org.haven.scheduling.internal.BookingTerms.When;
import org.haven.shared.web.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Booking, moving and cancelling. A client books a free slot of a therapist they are in
 * care with, in a modality the therapist offers, once they have signed the current
 * telehealth consent ({@link BookingTerms}). The claim table's primary key (therapist,
 * start) lets only one of any number of concurrent bookings of a slot succeed
 * ({@link AppointmentStore#claim}). Each change is written, announced and audited in one
 * transaction.
 */
@Service
@Transactional
public class Bookings {

	private static final DateTimeFormatter SERIES_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm",
			Locale.ENGLISH);

	private final BookingTerms terms;

	private final Availability availability;

	private final AppointmentStore store;

	private final AuditTrail audit;

	Bookings(BookingTerms terms, Availability availability, AppointmentStore store, AuditTrail audit) {
		this.terms = terms;
		this.availability = availability;
		this.store = store;
		this.audit = audit;
	}

	public UUID book(UUID clientId, UUID therapistId, Instant start, String rawModality) {
		Terms met = terms.check(BookingRequest.BOOK, clientId, therapistId, rawModality, () -> When.at(start));
		return insert(BookingRequest.BOOK, met, freeSlot(therapistId, start), null);
	}

	/**
	 * A therapist books one session or a weekly or fortnightly series for a client in
	 * their care, all or nothing: if any session's time is not free (outside their weekly
	 * times, on time off, or taken), nothing is booked and the error names those dates.
	 * Minimum notice and the clients' booking horizon do not apply.
	 */
	public List<UUID> bookFor(UUID therapistId, UUID clientId, Series series, String rawModality) {
		Terms met = terms.check(BookingRequest.BOOK_FOR_CLIENT, clientId, therapistId, rawModality, () -> {
			ZoneId zone = availability.zoneOf(therapistId)
				.orElseThrow(() -> Refusal.of("date", "Set your time zone on your profile first."));
			return new When(series.starts(zone), zone);
		});
		Map<Instant, Slot> free = new HashMap<>();
		availability.freeSlotsForTherapist(therapistId).forEach(slot -> free.put(slot.start(), slot));
		List<String> notFree = met.when()
			.starts()
			.stream()
			.filter(start -> !free.containsKey(start))
			.map(start -> SERIES_DATE.format(start.atZone(met.when().zone())))
			.toList();
		if (!notFree.isEmpty()) {
			throw Refusal.of("date",
					"Nothing was booked: not free in your calendar on " + String.join(", ", notFree) + ".");
		}
		UUID seriesId = met.when().starts().size() > 1 ? UUID.randomUUID() : null;
		List<UUID> ids = new ArrayList<>();
		for (Instant start : met.when().starts()) {
			ids.add(insert(BookingRequest.BOOK_FOR_CLIENT, met, free.get(start), seriesId));
		}
		return ids;
	}

	/**
	 * Either party cancels; anyone else finds nothing. Late cancellations are flagged.
	 */
	public Optional<Boolean> cancel(UUID accountId, UUID appointmentId) {
		Optional<Appointment> appointment = store.find(accountId, appointmentId).filter(Appointment::booked);
		if (appointment.isEmpty()) {
			return Optional.empty();
		}
		Appointment a = appointment.get();
		boolean late = store.wouldBeLate(a);
		store.cancel(a, late);
		audit.record(AuditTrail.account(accountId), "APPOINTMENT_CANCELLED", "appointment:" + appointmentId,
				late ? "late" : null);
		return Optional.of(late);
	}

	/**
	 * Either party moves a booked appointment to another free time of the same therapist.
	 * The new time is claimed before the old one is released, in one transaction: a
	 * concurrent booking of the new time makes exactly one of them win, and a failed move
	 * leaves the appointment where it was.
	 */
	public Optional<Appointment> reschedule(UUID accountId, UUID appointmentId, Instant newStart) {
		Optional<Appointment> found = store.find(accountId, appointmentId).filter(Appointment::booked);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Appointment a = found.get();
		terms.checkMove(a, newStart);
		Slot slot = freeSlot(a.therapistId(), newStart);
		store.claim(a.therapistId(), slot, appointmentId);
		store.move(a, slot);
		audit.record(AuditTrail.account(accountId), "APPOINTMENT_RESCHEDULED", "appointment:" + appointmentId);
		return store.find(accountId, appointmentId);
	}

	/** Claims the slot and writes the appointment booked in it. */
	private UUID insert(BookingRequest request, Terms met, Slot slot, UUID seriesId) {
		UUID id = UUID.randomUUID();
		store.claim(met.therapistId(), slot, id);
		UUID bookedBy = request.byClient() ? met.clientId() : met.therapistId();
		store.insert(id, met, slot, bookedBy, seriesId);
		audit.record(AuditTrail.account(bookedBy), "APPOINTMENT_BOOKED", "appointment:" + id, request.auditNote());
		return id;
	}

	/**
	 * The free slot starting at {@code start}. A time someone else holds is "just taken"
	 * (409 on the API); any other time that is not offered (off the therapist's hours, a
	 * day off, beyond the horizon) is refused as such, so nobody is told to hurry for a
	 * time that was never free.
	 */
	private Slot freeSlot(UUID therapistId, Instant start) {
		return availability.freeSlots(therapistId)
			.stream()
			.filter(s -> s.start().equals(start))
			.findFirst()
			.orElseThrow(() -> store.held(therapistId, start) ? new SlotTaken()
					: Refusal.of("start", "That is not one of the free times: choose one from the list."));
	}

}

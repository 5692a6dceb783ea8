package org.haven.scheduling.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.care.CareRelationships;
import org.haven.care.TelehealthConsent;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.shared.web.Refusal;
import org.springframework.stereotype.Component;

/**
 * What a booking or a move must meet before any time is claimed: care between the two
 * parties, for a new booking the client's current consent and a modality the therapist
 * offers, and a time still ahead. Whether that time is free is for {@link Bookings} to
 * find out, since only claiming it tells for certain.
 */
@Component
class BookingTerms {

	private final CareRelationships care;

	private final TelehealthConsent consent;

	private final TherapistDirectory directory;

	private final Clock clock;

	BookingTerms(CareRelationships care, TelehealthConsent consent, TherapistDirectory directory, Clock clock) {
		this.care = care;
		this.consent = consent;
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * Checked in this order whoever asks: care between the two; for a new booking, the
	 * client's current consent and a modality the therapist offers; then a start still
	 * ahead. Only the wording depends on the request. The times are asked for last, so
	 * that a refusal of the terms comes first.
	 */
	Terms check(BookingRequest request, UUID clientId, UUID therapistId, String rawModality, Supplier<When> asked) {
		UUID relationship = (clientId == null ? Optional.<UUID>empty() : care.active(clientId, therapistId))
			.orElseThrow(() -> Refusal.of(request.careField(), request.notInCare()));
		Modality modality = null;
		if (!request.isMove()) {
			if (!consent.hasCurrentConsent(clientId)) {
				throw Refusal.of(request.consentField(), request.noConsent());
			}
			modality = Modality.parse(rawModality)
				.orElseThrow(
						() -> Refusal.of("modality", "Unknown modality: choose video, audio, chat, letters or SMS."));
			if (!directory.offers(therapistId, modality)) {
				throw Refusal.of("modality", request.notOffered() + modality.label().toLowerCase() + ".");
			}
		}
		When when = asked.get();
		Instant first = when.starts().get(0);
		if (first == null || !first.isAfter(clock.instant())) {
			throw Refusal.of(request.timeField(), "That time is in the past.");
		}
		return new Terms(clientId, therapistId, relationship, modality, when);
	}

	/**
	 * A booked appointment may move while it has not begun, care goes on, and the new
	 * start is ahead and another time than its own.
	 */
	void checkMove(Appointment appointment, Instant newStart) {
		if (!appointment.start().isAfter(clock.instant())) {
			throw Refusal.of("start", "This session has already begun and can no longer be moved.");
		}
		check(BookingRequest.MOVE, appointment.clientId(), appointment.therapistId(), null, () -> When.at(newStart));
		if (newStart.equals(appointment.start())) {
			throw Refusal.of("start", "That is already the time of this session.");
		}
	}

	/**
	 * The times asked for, earliest first; the zone when they were given as dates on the
	 * therapist's clock.
	 */
	record When(List<Instant> starts, ZoneId zone) {

		static When at(Instant start) {
			return new When(Collections.singletonList(start), null);
		}

	}

	/**
	 * What a booking was found to meet: the parties, their care relationship, the
	 * modality and the times.
	 */
	record Terms(UUID clientId, UUID therapistId, UUID relationship, Modality modality, When when) {
	}

}

package org.haven.care.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.directory.Jurisdiction;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.shared.text.TextChecks;
import org.haven.shared.web.Refusal;
import org.springframework.stereotype.Component;

/**
 * The checks of a request form: each answer in the order the form asks for it, then what
 * the chosen therapist offers and where they are licensed on the day it is sent.
 */
@Component
class RequestChecks {

	static final int MAX_REASON = 4000;

	private final TherapistDirectory directory;

	private final Clock clock;

	RequestChecks(TherapistDirectory directory, Clock clock) {
		this.directory = directory;
		this.clock = clock;
	}

	/**
	 * The form's answers, checked in the order the form asks them, against what this
	 * therapist offers and where they are licensed.
	 */
	Intake.Answers answers(UUID therapistId, Intake.RequestForm form) {
		String reason = text("reason", form.reason(), MAX_REASON, true,
				"In your own words, what you would like help with.");
		String jurisdiction = jurisdiction(form.jurisdiction());
		String location = text("location", form.location(), 300, false, "Where you live: town or city, and region.");
		String contact = text("emergencyContact", form.emergencyContact(), 300, false,
				"Someone we may call in an emergency: name and phone number.");
		if (form.modalities() == null || form.modalities().isEmpty()) {
			throw Refusal.of("modalities", "Choose at least one way you would like to meet.");
		}
		List<String> modalities = form.modalities().stream().distinct().map(m -> {
			Modality modality = Modality.parse(m)
				.orElseThrow(() -> Refusal.of("modalities", "Unknown modality: choose from the list."));
			if (!directory.offers(therapistId, modality)) {
				throw Refusal.of("modalities",
						"This therapist does not offer " + modality.label().toLowerCase(Locale.ROOT) + ".");
			}
			return modality.name();
		}).toList();
		if (!directory.licensedIn(therapistId, jurisdiction, LocalDate.now(clock))) {
			throw Refusal.of("jurisdiction",
					"This therapist is not licensed where you live, so they cannot treat you there. "
							+ "Search the directory for therapists licensed in " + jurisdiction + ".");
		}
		return new Intake.Answers(reason, modalities, jurisdiction, location, contact);
	}

	private static String jurisdiction(String raw) {
		return Jurisdiction.normalize(raw)
			.orElseThrow(() -> Refusal.of("jurisdiction", "Write where you live as a country "
					+ "code, with the state or province where licences are regional: US-CA, CA-ON, GB."));
	}

	/** A required free-text answer, normalised, or the refusal that asks for it. */
	static String text(String field, String raw, int max, boolean multiline, String prompt) {
		String value = TextChecks.field(field, raw, max, multiline);
		if (value == null) {
			throw Refusal.of(field, "Enter " + Character.toLowerCase(prompt.charAt(0)) + prompt.substring(1));
		}
		return value;
	}

}

package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import org.haven.directory.Jurisdiction;

/**
 * Jurisdiction input on the directory's forms, with the message to show when it is not a
 * code.
 */
final class Jurisdictions {

	private Jurisdictions() {
	}

	static String parse(String field, String raw) {
		if (raw == null || raw.isBlank()) {
			throw Refusal.of(field, "Enter where the licence is valid, such as US-CA or GB.");
		}
		return Jurisdiction.normalize(raw)
			.orElseThrow(() -> Refusal.of(field,
					"Write the place as a country code, optionally with its region: US-CA, CA-ON or GB."));
	}

}

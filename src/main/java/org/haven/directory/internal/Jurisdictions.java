package org.haven.directory.internal;

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
			throw new ProfileRejected(field, "Enter where the licence is valid, such as US-CA or GB.");
		}
		return Jurisdiction.normalize(raw)
			.orElseThrow(() -> new ProfileRejected(field,
					"Write the place as a country code, optionally with its region: US-CA, CA-ON or GB."));
	}

}

package org.haven.directory.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a licence is valid: an ISO 3166-1 country code ({@code GB}) or a country with an ISO 3166-2
 * subdivision ({@code US-CA}, {@code CA-ON}).
 */
public final class Jurisdictions {

	private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private Jurisdictions() {
	}

	public static String parse(String field, String raw) {
		if (raw == null || raw.isBlank()) {
			throw new ProfileRejected(field, "Enter where the licence is valid, such as US-CA or GB.");
		}
		String value = raw.trim().toUpperCase(Locale.ROOT);
		if (value.length() > 6 || !FORMAT.matcher(value).matches() || !COUNTRIES.contains(value.substring(0, 2))) {
			throw new ProfileRejected(field, "Write the place as a country code, optionally with its region: US-CA, CA-ON or GB.");
		}
		return value;
	}
}

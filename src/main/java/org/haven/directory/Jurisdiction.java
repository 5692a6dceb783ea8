package org.haven.directory;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a licence is valid and where a client lives: an ISO 3166-1 country code
 * ({@code GB}), or a country with an ISO 3166-2 subdivision ({@code US-CA},
 * {@code CA-ON}).
 */
public final class Jurisdiction {

	private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private Jurisdiction() {
	}

	/** The code in its canonical (upper-case) form, or empty if it is not one. */
	public static Optional<String> normalize(String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String value = raw.trim().toUpperCase(Locale.ROOT);
		if (value.length() > 6 || !FORMAT.matcher(value).matches() || !COUNTRIES.contains(value.substring(0, 2))) {
			return Optional.empty();
		}
		return Optional.of(value);
	}

}

package org.haven.scheduling.internal;

import org.haven.shared.web.Refusal;

import java.time.ZoneId;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Time zones a therapist may choose. Only IANA region ids such as {@code Europe/Berlin}
 * are accepted: a fixed offset ({@code +02:00}, {@code GMT+2}, {@code Etc/GMT-2}) or a
 * bare abbreviation ({@code CET}, {@code UTC}) does not follow daylight-saving changes,
 * so weekly hours stored with it would silently drift by an hour twice a year.
 */
public final class TimeZones {

	/**
	 * The longest IANA id is about 32 characters; the limit keeps absurd input out of
	 * parsing and logs.
	 */
	static final int MAX_LENGTH = 64;

	private static final SortedSet<String> REGION_IDS = Collections
		.unmodifiableSortedSet(regionIds(ZoneId.getAvailableZoneIds()));

	private TimeZones() {
	}

	/** The ids {@link #parse} accepts, sorted, e.g. for a picker. */
	public static SortedSet<String> regionIds() {
		return REGION_IDS;
	}

	public static ZoneId parse(String id) {
		if (id == null || id.isBlank()) {
			throw Refusal.of("timeZone", "Choose a time zone, for example Europe/Berlin.");
		}
		String trimmed = id.strip();
		if (trimmed.length() > MAX_LENGTH) {
			throw Refusal.of("timeZone", "A time zone id has at most " + MAX_LENGTH + " characters.");
		}
		if (!REGION_IDS.contains(trimmed)) {
			throw Refusal.of("timeZone", "\"" + trimmed + "\" is not a time zone region. Use a region such as "
					+ "Europe/Berlin or America/New_York, not a fixed offset, so that daylight saving is followed.");
		}
		return ZoneId.of(trimmed);
	}

	private static SortedSet<String> regionIds(Iterable<String> available) {
		SortedSet<String> ids = new TreeSet<>();
		for (String id : available) {
			// "Area/Location" is the IANA region form; Etc/ holds fixed offsets and
			// SystemV/ obsolete rules.
			if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/") && id.length() <= MAX_LENGTH) {
				ids.add(id);
			}
		}
		return ids;
	}

}

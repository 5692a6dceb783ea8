package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.directory.FreeTimeProbe;
import org.haven.directory.Modality;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory clients search: published profiles of active therapists licensed where
 * the client is, narrowed by modality, language, specialty and free time, ten a page.
 * Every rule that drops a therapist applies before paging, so each page but the last is
 * full and the total counts exactly the therapists one can page through.
 */
@Service
public class TherapistSearch {

	public static final int PAGE_SIZE = 10;
	static final int MAX_FREE_WITHIN_DAYS = 60;

	/**
	 * Ids per question to identity, well inside the parameter limits of H2 and
	 * PostgreSQL.
	 */
	private static final int BATCH = 500;

	private final ProfileStore store;

	private final Accounts accounts;

	private final ObjectProvider<FreeTimeProbe> freeTime;

	private final Clock clock;

	TherapistSearch(ProfileStore store, Accounts accounts, ObjectProvider<FreeTimeProbe> freeTime, Clock clock) {
		this.store = store;
		this.accounts = accounts;
		this.freeTime = freeTime;
		this.clock = clock;
	}

	/**
	 * Whether clients can ask for free time: only when a module that knows about slots
	 * answers.
	 */
	public boolean searchesFreeTime() {
		return freeTime.getIfAvailable() != null;
	}

	/**
	 * One page of the directory for a client in {@code jurisdiction}; {@code on} defaults
	 * to today.
	 */
	@Transactional(readOnly = true)
	public Result search(Criteria criteria) {
		String place = Jurisdictions.parse("jurisdiction", criteria.jurisdiction());
		LocalDate on = criteria.on() == null ? LocalDate.now(clock) : criteria.on();
		Map<String, String> tags = new LinkedHashMap<>();
		if (criteria.modality() != null && !criteria.modality().isBlank()) {
			tags.put("MODALITY", Modality.parse(criteria.modality())
				.orElseThrow(
						() -> Refusal.of("modality", "Unknown modality: choose video, audio, chat, letters or SMS."))
				.name());
		}
		putTag(tags, "LANGUAGE", "language", criteria.language(), Vocabulary.LANGUAGES);
		putTag(tags, "SPECIALTY", "specialty", criteria.specialty(), Vocabulary.SPECIALTIES);
		Integer days = freeWithinDays(criteria.freeWithinDays());
		int page = Math.max(0, Math.min(criteria.page(), 10_000));

		List<UUID> found = active(store.matching(place, on, tags));
		if (days != null) {
			Instant now = clock.instant();
			Set<UUID> free = freeTime.getObject().withFreeTime(found, now, now.plus(Duration.ofDays(days)));
			found = found.stream().filter(free::contains).toList();
		}
		List<Profile> profiles = found.stream()
			.skip((long) page * PAGE_SIZE)
			.limit(PAGE_SIZE)
			.map(store::load)
			.flatMap(Optional::stream)
			.toList();
		return new Result(place, on, days, page, PAGE_SIZE, found.size(), profiles);
	}

	/** The ids of active accounts, in the order given. */
	private List<UUID> active(List<UUID> ids) {
		Set<UUID> active = new HashSet<>();
		for (int i = 0; i < ids.size(); i += BATCH) {
			accounts.findAll(ids.subList(i, Math.min(ids.size(), i + BATCH)))
				.stream()
				.filter(AccountSummary::active)
				.forEach(a -> active.add(a.id()));
		}
		return ids.stream().filter(active::contains).toList();
	}

	private Integer freeWithinDays(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		if (!searchesFreeTime()) {
			throw Refusal.of("freeWithinDays", "Searching by free time is not available here.");
		}
		String message = "Choose how soon you would like a session: a whole number of days from 1 to "
				+ MAX_FREE_WITHIN_DAYS + ".";
		int days;
		try {
			days = Integer.parseInt(raw.trim());
		}
		catch (NumberFormatException ex) {
			throw Refusal.of("freeWithinDays", message);
		}
		if (days < 1 || days > MAX_FREE_WITHIN_DAYS) {
			throw Refusal.of("freeWithinDays", message);
		}
		return days;
	}

	private static void putTag(Map<String, String> tags, String kind, String field, String value,
			Map<String, String> vocabulary) {
		if (value == null || value.isBlank()) {
			return;
		}
		if (!vocabulary.containsKey(value)) {
			throw Refusal.of(field, "Unknown " + field + ": choose from the list.");
		}
		tags.put(kind, value);
	}

	/** What a client asks for, as typed; {@code freeWithinDays} is blank for any time. */
	public record Criteria(String jurisdiction, LocalDate on, String modality, String language, String specialty,
			String freeWithinDays, int page) {
	}

	/** One page; {@code freeWithinDays} is null when free time was not asked for. */
	public record Result(String jurisdiction, LocalDate on, Integer freeWithinDays, int page, int size, long total,
			List<Profile> profiles) {

		public int lastPage() {
			return (int) Math.max(0, (total - 1) / size);
		}
	}

}

package org.haven.directory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.directory.Modality;
import org.haven.directory.internal.Profile;
import org.haven.directory.internal.ProfilePhotos;
import org.haven.directory.internal.Profiles;
import org.haven.directory.internal.TherapistSearch;
import org.haven.directory.internal.Vocabulary;
import org.haven.shared.web.OnRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Finding a therapist who may treat the client where they are. The search and the
 * published profiles are open to everyone (DirectoryAccessRules); nothing here assumes a
 * signed-in account.
 */
@Controller
class DirectoryController {

	static final String SEARCH_DESCRIPTION = "Find a therapist licensed where you live: search Haven's directory by "
			+ "language, specialty and how you would like to meet, by video, audio, chat or letters.";

	/**
	 * The choices the page offers; the search itself accepts any whole number of days
	 * from 1 to 60.
	 */
	static final List<Integer> FREE_WITHIN_DAYS = List.of(3, 7, 14, 30);

	private static final DateTimeFormatter VALID_UNTIL = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final Profiles profiles;

	private final ProfilePhotos photos;

	private final TherapistSearch search;

	private final Clock clock;

	DirectoryController(Profiles profiles, ProfilePhotos photos, TherapistSearch search, Clock clock) {
		this.profiles = profiles;
		this.photos = photos;
		this.search = search;
		this.clock = clock;
	}

	@GetMapping("/therapists")
	@OnRefusal(view = "directory/search")
	String search(@RequestParam(defaultValue = "") String jurisdiction,
			@RequestParam(defaultValue = "") String modality, @RequestParam(defaultValue = "") String language,
			@RequestParam(defaultValue = "") String specialty, @RequestParam(defaultValue = "") String freeWithinDays,
			@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("metaDescription", SEARCH_DESCRIPTION);
		model.addAttribute("query", Map.of("jurisdiction", jurisdiction, "modality", modality, "language", language,
				"specialty", specialty, "freeWithinDays", freeWithinDays.length() > 10 ? "" : freeWithinDays));
		model.addAttribute("freeTimeSearch", search.searchesFreeTime());
		model.addAttribute("freeWithinChoices", FREE_WITHIN_DAYS);
		model.addAttribute("modalities", Modality.values());
		model.addAttribute("specialties", Vocabulary.SPECIALTIES);
		model.addAttribute("languages", Vocabulary.LANGUAGES);
		model.addAttribute("approachLabels", Vocabulary.APPROACHES);
		if (!jurisdiction.isBlank()) {
			var result = search.search(new TherapistSearch.Criteria(jurisdiction, null, modality, language, specialty,
					freeWithinDays, page));
			model.addAttribute("result", result);
			Map<UUID, String> photoVersions = new HashMap<>();
			for (Profile p : result.profiles()) {
				photos.version(p.accountId()).ifPresent(v -> photoVersions.put(p.accountId(), v));
			}
			model.addAttribute("photoVersions", photoVersions);
		}
		return "directory/search";
	}

	/**
	 * A published profile; any other (unpublished, a disabled therapist's) is not found.
	 */
	@GetMapping("/therapists/{id}")
	String profile(@PathVariable UUID id, Model model) {
		Profile profile = profiles.findPublished(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		LocalDate today = LocalDate.now(clock);
		model.addAttribute("profile", profile);
		model.addAttribute("metaDescription", ProfileDescription.of(profile, today));
		model.addAttribute("photoVersion", photos.version(id).orElse(null));
		model.addAttribute("specialties", Vocabulary.SPECIALTIES);
		model.addAttribute("approaches", Vocabulary.APPROACHES);
		model.addAttribute("languages", Vocabulary.LANGUAGES);
		model.addAttribute("today", today);
		// Spelled out: 12/5/27 is a different day on each side of the Atlantic.
		model.addAttribute("validUntil",
				profile.licences()
					.stream()
					.collect(Collectors.toMap(Profile.Licence::id, l -> VALID_UNTIL.format(l.expiresOn()))));
		return "directory/profile";
	}

	/**
	 * Where a visitor's "Sign in to book" leads: not open, so a stranger signs in first
	 * and Spring Security's saved request brings them here, and on back to the profile
	 * they were reading, now with the steps of booking. No address from the request is
	 * ever followed: the path only names a therapist.
	 */
	@GetMapping("/therapists/{id}/book")
	String signedInToBook(@PathVariable UUID id) {
		return "redirect:/therapists/" + id;
	}

}

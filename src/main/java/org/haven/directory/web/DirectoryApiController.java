package org.haven.directory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.directory.internal.Profile;
import org.haven.directory.internal.Profiles;
import org.haven.directory.internal.TherapistSearch;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;

/** The directory search on /api/v1, with the same rules as the page. */
@RestController
class DirectoryApiController {

	private final Profiles profiles;

	private final TherapistSearch search;

	private final Clock clock;

	DirectoryApiController(Profiles profiles, TherapistSearch search, Clock clock) {
		this.profiles = profiles;
		this.search = search;
		this.clock = clock;
	}

	@Operation(operationId = "searchTherapists", summary = "Therapists licensed where the client is, 10 a page",
			tags = "Directory",
			description = "jurisdiction (a code such as US-NY) is required; on (a date, today by default) is the day the licence must be valid;"
					+ " freeWithinDays (1 to 60) keeps only therapists with a bookable time starting within that many days.")
	@Refusals(400)
	@GetMapping("/api/v1/therapists")
	Page search(@RequestParam String jurisdiction,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
			@RequestParam(required = false) String modality, @RequestParam(required = false) String language,
			@RequestParam(required = false) String specialty, @RequestParam(required = false) String freeWithinDays,
			@RequestParam(defaultValue = "0") int page) {
		var result = search.search(
				new TherapistSearch.Criteria(jurisdiction, on, modality, language, specialty, freeWithinDays, page));
		return new Page(result.jurisdiction(), result.on(), result.freeWithinDays(), result.page(), result.size(),
				result.total(), result.profiles().stream().map(p -> card(p, result.on())).toList());
	}

	@Operation(operationId = "getTherapist", summary = "One published therapist profile", tags = "Directory",
			description = "With the licences valid today.")
	@Refusals({ 400, 404 })
	@GetMapping("/api/v1/therapists/{id}")
	Card profile(@PathVariable UUID id) {
		return profiles.findPublished(id)
			.map(p -> card(p, LocalDate.now(clock)))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static Card card(Profile p, LocalDate on) {
		return new Card(p.accountId(), p.displayName(), p.pronouns(), p.bio(), p.fee(), p.slidingScale(),
				p.acceptingNewClients(), p.timeZone(), p.modalities(), p.specialties(), p.approaches(), p.languages(),
				p.licences()
					.stream()
					.filter(l -> l.validOn(on))
					.map(l -> new LicenceView(l.jurisdiction(), l.type(), l.expiresOn()))
					.toList());
	}

	record Page(String jurisdiction, LocalDate on, @Nullable Integer freeWithinDays, int page, int size, long total,
			List<Card> results) {
	}

	record Card(UUID id, String displayName, @Nullable String pronouns, @Nullable String bio, @Nullable String fee,
			@Nullable String slidingScale, boolean acceptingNewClients, String timeZone, Set<Modality> modalities,
			Set<String> specialties, Set<String> approaches, Set<String> languages, List<LicenceView> licences) {
	}

	record LicenceView(String jurisdiction, String type, LocalDate expiresOn) {
	}

}

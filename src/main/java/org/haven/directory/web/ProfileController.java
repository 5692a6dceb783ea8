package org.haven.directory.web;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.directory.Modality;
import org.haven.directory.internal.Profile;
import org.haven.directory.internal.ProfilePhotos;
import org.haven.directory.internal.Profiles;
import org.haven.directory.internal.Profiles.ProfileForm;
import org.haven.directory.internal.Vocabulary;
import org.haven.identity.CurrentAccount;
import org.haven.shared.web.OnRefusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** A therapist's own profile (the URL rules open /therapist/** to therapists only). */
@Controller
class ProfileController {

	/** The profile as typed in a save that was refused. */
	private static final String TYPED = "typedProfile";

	private final Profiles profiles;

	private final ProfilePhotos photos;

	ProfileController(Profiles profiles, ProfilePhotos photos) {
		this.profiles = profiles;
		this.photos = photos;
	}

	@GetMapping("/therapist/profile")
	String edit(@AuthenticationPrincipal CurrentAccount therapist, @RequestParam(required = false) String photoTooLarge,
			Model model) {
		if (photoTooLarge != null) {
			model.addAttribute("errors", Map.of("photo", ProfilePhotos.tooLargeMessage()));
		}
		Profile stored = profiles.forEditing(therapist.id());
		// A refused save shows what was typed, so nothing is lost; the stored profile is
		// unchanged.
		return show(model.getAttribute(TYPED) instanceof Profile typed ? typed.withLicences(stored.licences()) : stored,
				model);
	}

	@PostMapping("/therapist/profile")
	@OnRefusal(show = "edit")
	String save(@AuthenticationPrincipal CurrentAccount therapist, @RequestParam(defaultValue = "") String displayName,
			@RequestParam(defaultValue = "") String pronouns, @RequestParam(defaultValue = "") String bio,
			@RequestParam(defaultValue = "") String fee, @RequestParam(defaultValue = "") String slidingScale,
			@RequestParam(defaultValue = "false") boolean acceptingNewClients,
			@RequestParam(defaultValue = "") String timeZone, @RequestParam(defaultValue = "false") boolean published,
			@RequestParam(defaultValue = "") List<String> modalities,
			@RequestParam(defaultValue = "") List<String> specialties,
			@RequestParam(defaultValue = "") List<String> approaches,
			@RequestParam(defaultValue = "") List<String> languages, Model model) {
		ProfileForm form = new ProfileForm(displayName, pronouns, bio, fee, slidingScale, acceptingNewClients, timeZone,
				published, nonBlank(modalities), nonBlank(specialties), nonBlank(approaches), nonBlank(languages));
		model.addAttribute(TYPED,
				new Profile(therapist.id(), keep(displayName), keep(pronouns), keep(bio), keep(fee), keep(slidingScale),
						acceptingNewClients, keep(timeZone), published,
						nonBlank(modalities).stream()
							.map(Modality::parse)
							.flatMap(Optional::stream)
							.collect(Collectors.toCollection(() -> EnumSet.noneOf(Modality.class))),
						new TreeSet<>(nonBlank(specialties)), new TreeSet<>(nonBlank(approaches)),
						new TreeSet<>(nonBlank(languages)), List.of()));
		profiles.save(therapist.id(), form);
		return "redirect:/therapist/profile?saved";
	}

	@PostMapping("/therapist/profile/licences")
	@OnRefusal(show = "edit")
	String addLicence(@AuthenticationPrincipal CurrentAccount therapist,
			@ModelAttribute("licenceForm") LicenceForm form, Model model) {
		model.addAttribute("licence", Map.of("jurisdiction", keep(form.jurisdiction()), "licenceType",
				keep(form.licenceType()), "number", keep(form.number()), "expiresOn", keep(form.expiresOn())));
		profiles.addLicence(therapist.id(), form.jurisdiction(), form.licenceType(), form.number(), form.expiresOn());
		return "redirect:/therapist/profile?licenceAdded";
	}

	@PostMapping("/therapist/profile/licences/{id}/remove")
	String removeLicence(@AuthenticationPrincipal CurrentAccount therapist, @PathVariable UUID id) {
		return profiles.removeLicence(therapist.id(), id) ? "redirect:/therapist/profile?licenceRemoved"
				: "redirect:/therapist/profile";
	}

	@PostMapping("/therapist/profile/photo")
	@OnRefusal(show = "edit")
	String uploadPhoto(@AuthenticationPrincipal CurrentAccount therapist,
			@RequestParam(required = false) MultipartFile photo) throws IOException {
		photos.replace(therapist.id(), photo == null ? new byte[0] : photo.getBytes());
		return "redirect:/therapist/profile?photoSaved";
	}

	@PostMapping("/therapist/profile/photo/delete")
	String removePhoto(@AuthenticationPrincipal CurrentAccount therapist) {
		return photos.remove(therapist.id()) ? "redirect:/therapist/profile?photoRemoved"
				: "redirect:/therapist/profile";
	}

	private String show(Profile profile, Model model) {
		model.addAttribute("profile", profile);
		model.addAttribute("photoVersion", photos.version(profile.accountId()).orElse(null));
		model.addAttribute("modalities", Modality.values());
		model.addAttribute("specialties", Vocabulary.SPECIALTIES);
		model.addAttribute("approaches", Vocabulary.APPROACHES);
		model.addAttribute("languages", Vocabulary.LANGUAGES);
		if (!model.containsAttribute("licence")) {
			model.addAttribute("licence", Map.of("jurisdiction", "", "licenceType", "", "number", "", "expiresOn", ""));
		}
		return "directory/profile-edit";
	}

	/** What the licence form sends; a field left out is empty. */
	record LicenceForm(String jurisdiction, String licenceType, String number, String expiresOn) {

		LicenceForm {
			jurisdiction = jurisdiction == null ? "" : jurisdiction;
			licenceType = licenceType == null ? "" : licenceType;
			number = number == null ? "" : number;
			expiresOn = expiresOn == null ? "" : expiresOn;
		}

	}

	private static List<String> nonBlank(List<String> values) {
		return values.stream().filter(v -> v != null && !v.isBlank()).limit(200).toList();
	}

	private static String keep(String value) {
		return value == null ? "" : value.length() > 5000 ? value.substring(0, 5000) : value;
	}

}

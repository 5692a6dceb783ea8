package org.haven.directory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.directory.internal.Profile;
import org.haven.directory.internal.Profile.Licence;
import org.junit.jupiter.api.Test;

class ProfileDescriptionTests {

	private static final LocalDate TODAY = LocalDate.of(2031, 3, 1);

	@Test
	void namesTheLicencesValidTodayAndTheWaysToMeetInWords() {
		Profile profile = profile("Dr. Robin Reyes", EnumSet.of(Modality.VIDEO, Modality.AUDIO, Modality.SMS),
				licence("US-CA", "LMFT", TODAY), licence("US-OR", "LMFT", TODAY.plusYears(1)),
				licence("US-NY", "LCSW", TODAY.minusDays(1)));

		assertThat(ProfileDescription.of(profile, TODAY)).isEqualTo(
				"Dr. Robin Reyes, LMFT licensed in US-CA and US-OR. Meets clients by video, audio and text messages on Haven.");
	}

	@Test
	void saysLessRatherThanRunOverTheLimit() {
		Profile profile = profile("Dr. Alexandra Konstantinopoulou-Vanderbilt", EnumSet.allOf(Modality.class),
				licence("US-CA", "Licensed Marriage and Family Therapist", TODAY),
				licence("CA-ON", "Registered Psychotherapist", TODAY), licence("GB", "HCPC practitioner", TODAY));

		String description = ProfileDescription.of(profile, TODAY);

		assertThat(description).hasSizeLessThanOrEqualTo(ProfileDescription.MAX)
			.startsWith("Dr. Alexandra Konstantinopoulou-Vanderbilt, therapist licensed in US-CA, CA-ON and GB.")
			.doesNotContain("VIDEO")
			.doesNotContain("SMS");
	}

	@Test
	void aProfileWithoutLicencesOrWaysStillReads() {
		assertThat(ProfileDescription.of(profile("Sam Okafor", EnumSet.noneOf(Modality.class)), TODAY))
			.isEqualTo("Sam Okafor, therapist. Online therapy on Haven.");
	}

	@Test
	void aVeryLongNameIsCutAtAWord() {
		String name = "Dr. " + "Longname ".repeat(30).trim();
		String description = ProfileDescription.of(profile(name, EnumSet.of(Modality.VIDEO)), TODAY);
		assertThat(description).hasSizeLessThanOrEqualTo(ProfileDescription.MAX).endsWith("Longname…");
	}

	private static Profile profile(String name, Set<Modality> ways, Licence... licences) {
		return new Profile(UUID.randomUUID(), name, null, null, null, null, true, "Europe/London", true, ways, Set.of(),
				Set.of(), Set.of(), List.of(licences));
	}

	private static Licence licence(String jurisdiction, String type, LocalDate expiresOn) {
		return new Licence(UUID.randomUUID(), jurisdiction, type, "N-1", expiresOn);
	}

}

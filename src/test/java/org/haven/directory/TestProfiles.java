package org.haven.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.directory.internal.ProfilePhotos;
import org.haven.directory.internal.Profiles;
import org.springframework.context.ApplicationContext;

/**
 * Published therapist profiles, built through the directory's own classes as a therapist
 * fills in the profile page: the one place in other modules' tests that knows how.
 */
public final class TestProfiles {

	private final Profiles profiles;

	private final ProfilePhotos photos;

	private TestProfiles(ApplicationContext context) {
		this.profiles = context.getBean(Profiles.class);
		this.photos = context.getBean(ProfilePhotos.class);
	}

	public static TestProfiles in(ApplicationContext context) {
		return new TestProfiles(context);
	}

	/**
	 * A licence valid for a year, and a published profile accepting new clients, with the
	 * listing's name, zone, modalities and specialties.
	 */
	public void publish(UUID therapistId, Listing listing) {
		publish(therapistId, listing, null, null);
	}

	/**
	 * The same, with the fee and the sliding-scale note as the therapist writes them
	 * (either may be null).
	 */
	public void publish(UUID therapistId, Listing listing, String fee, String slidingScale) {
		profiles.addLicence(therapistId, listing.jurisdiction(), listing.licenceType(), listing.licenceNumber(),
				LocalDate.now().plusYears(1).toString());
		profiles.save(therapistId, new Profiles.ProfileForm(listing.displayName(), null, null, fee, slidingScale, true,
				listing.timeZone(), true, listing.modalities(), listing.specialties(), List.of(), List.of()));
	}

	/** The therapist's photo, as if uploaded on the profile page (a JPEG or PNG). */
	public void photo(UUID therapistId, byte[] image) {
		photos.replace(therapistId, image);
	}

	/** What a therapist's listing says about them. */
	public record Listing(String displayName, String jurisdiction, String licenceType, String licenceNumber,
			String timeZone, List<String> modalities, List<String> specialties) {
	}

}

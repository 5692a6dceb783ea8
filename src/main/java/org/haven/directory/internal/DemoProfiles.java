package org.haven.directory.internal;

import java.time.LocalDate;
import java.util.List;

import org.haven.identity.Accounts;
import org.haven.shared.demo.DemoMode;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo mode only: published profiles for the two demo therapists, so the directory has
 * someone to find, each with a portrait drawn for the demo ({@link DemoPortraits}) and
 * stored as an uploaded photo would be. A photo the therapist uploaded or removed since
 * is theirs: a profile that exists already is left alone.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class DemoProfiles implements ApplicationRunner {

	private final DemoMode demoMode;

	private final Accounts accounts;

	private final Profiles profiles;

	private final ProfilePhotos photos;

	DemoProfiles(DemoMode demoMode, Accounts accounts, Profiles profiles, ProfilePhotos photos) {
		this.demoMode = demoMode;
		this.accounts = accounts;
		this.profiles = profiles;
		this.photos = photos;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoMode.enabled()) {
			return;
		}
		String expiry = LocalDate.now().plusYears(2).toString();
		accounts.findByEmail("therapist@demo.haven.test").filter(a -> profiles.find(a.id()).isEmpty()).ifPresent(a -> {
			profiles.addLicence(a.id(), "US-CA", "LMFT", "LMFT 112233", expiry);
			profiles.addLicence(a.id(), "US-OR", "LMFT", "T1234", expiry);
			profiles.save(a.id(),
					new Profiles.ProfileForm(a.displayName(), "she/her",
							"I work with adults facing anxiety, depression and life transitions, by video or phone, "
									+ "at a pace that suits you.",
							"$120 per 50-minute session", "Ask about a reduced fee if cost is a barrier.", true,
							"America/Los_Angeles", true, List.of("VIDEO", "AUDIO", "CHAT", "LETTERS"),
							List.of("anxiety", "depression", "stress"), List.of("cbt", "act"), List.of("en", "es")));
			photos.replace(a.id(), DemoPortraits.png(a.displayName()));
		});
		accounts.findByEmail("therapist2@demo.haven.test").filter(a -> profiles.find(a.id()).isEmpty()).ifPresent(a -> {
			profiles.addLicence(a.id(), "GB", "HCPC practitioner psychologist", "PYL12345", expiry);
			profiles.save(a.id(), new Profiles.ProfileForm(a.displayName(), "he/him",
					"Trauma-informed therapy for grief, loss and relationships, including text-based work for those who "
							+ "find it easier to write.",
					"£70 per session", null, true, "Europe/London", true, List.of("VIDEO", "CHAT", "LETTERS", "SMS"),
					List.of("grief", "trauma", "relationships"), List.of("emdr", "person-centred"), List.of("en")));
			photos.replace(a.id(), DemoPortraits.png(a.displayName()));
		});
	}

}

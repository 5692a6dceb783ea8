package org.haven.records.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The steps of a Stanley-Brown safety plan, in the order a person works through them when
 * a crisis builds (Stanley and Brown, Cognitive and Behavioral Practice 19 (2012)
 * 256-264).
 */
public enum SafetySection {

	WARNING_SIGNS("warningSigns", "Warning signs",
			"Thoughts, images, moods, situations or behaviours that tell me a crisis may be developing."),
	INTERNAL_COPING("internalCoping", "Internal coping strategies",
			"Things I can do on my own to take my mind off my problems, without contacting anyone."),
	DISTRACTION("distraction", "People and social settings that provide distraction",
			"People to be with and places to go that take my mind off things."),
	HELP("help", "People whom I can ask for help", "Names and phone numbers of people I can ask for help."),
	PROFESSIONALS("professionals", "Professionals or agencies to contact in a crisis",
			"My therapist, my doctor, a local emergency department, and crisis lines with their numbers."),
	SAFE_ENVIRONMENT("safeEnvironment", "Making the environment safe",
			"What I will do to keep the means I might use out of reach."),
	REASONS("reasons", "Reasons for living", "The things most important to me and worth living for.");

	private final String key;

	private final String title;

	private final String hint;

	SafetySection(String key, String title, String hint) {
		this.key = key;
		this.title = title;
		this.hint = hint;
	}

	/** The section's name in forms and JSON. */
	public String key() {
		return key;
	}

	public String title() {
		return title;
	}

	public String hint() {
		return hint;
	}

	public static Optional<SafetySection> byKey(String key) {
		return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
	}

}

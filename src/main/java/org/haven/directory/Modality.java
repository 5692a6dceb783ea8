package org.haven.directory;

import java.util.Locale;
import java.util.Optional;

/** The ways a therapist and a client can meet in Haven. */
public enum Modality {

	VIDEO("Video sessions"), AUDIO("Audio sessions"), CHAT("Live chat"), LETTERS("Letters between sessions"),
	SMS("Text messages");

	private final String label;

	Modality(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	public static Optional<Modality> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}

package org.haven.directory;

import java.util.Locale;
import java.util.Optional;

/** The ways a therapist and a client can meet in Haven. */
public enum Modality {

	VIDEO("Video sessions", "video"), AUDIO("Audio sessions", "audio"), CHAT("Live chat", "live chat"),
	LETTERS("Letters between sessions", "letters"), SMS("Text messages", "text messages");

	private final String label;

	private final String words;

	Modality(String label, String words) {
		this.label = label;
		this.words = words;
	}

	public String label() {
		return label;
	}

	/** How a session meets, within a sentence: "a video session", "by live chat". */
	public String words() {
		return words;
	}

	/**
	 * The words for a stored modality's name; the name itself, lower-cased, if unknown.
	 */
	public static String wordsFor(String name) {
		return parse(name).map(Modality::words).orElse(name == null ? "" : name.toLowerCase(Locale.ROOT));
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

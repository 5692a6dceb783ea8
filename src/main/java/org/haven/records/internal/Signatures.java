package org.haven.records.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a signature covers: a note's canonical text (each section's title on a line of its
 * own, then its text, then an empty line, in the template's order) and its SHA-256 in
 * lower-case hex. Anyone holding the text can recompute it (docs/records.md).
 */
public final class Signatures {

	private Signatures() {
	}

	public static String canonical(NoteTemplate template, Map<String, String> sections) {
		StringBuilder text = new StringBuilder();
		for (NoteTemplate.Section section : template.sections()) {
			text.append(section.title()).append('\n').append(sections.getOrDefault(section.key(), "")).append("\n\n");
		}
		return text.toString();
	}

	public static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

}

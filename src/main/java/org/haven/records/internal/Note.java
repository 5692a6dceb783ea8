package org.haven.records.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A progress note of one session, decrypted.
 *
 * @param sessionZone the therapist's zone, in which the session's date is written
 * @param modality the session's modality by name ({@code VIDEO})
 * @param location where the client said they were at check-in, if they checked in
 * @param sections each section's text by its key
 * @param version grows with every save: a save names the version it started from
 * @param signature empty while the note is a draft
 */
public record Note(UUID id, UUID appointmentId, UUID clientId, UUID therapistId, NoteTemplate template,
		Instant sessionStart, ZoneId sessionZone, String modality, long durationSeconds, @Nullable String location,
		Map<String, String> sections, int version, Instant updatedAt, @Nullable Signature signature) {

	public boolean signed() {
		return signature != null;
	}

	/** The sections of the template with their text, in order. */
	public List<Written> written() {
		return template.sections().stream().map(s -> new Written(s, sections.getOrDefault(s.key(), ""))).toList();
	}

	public boolean blank() {
		return sections.values().stream().allMatch(String::isBlank);
	}

	/** Who signed, when, and the SHA-256 (hex) of what they signed. */
	public record Signature(UUID by, Instant at, String sha256) {
	}

	/** An addendum written after signing, signed itself. */
	public record Addendum(UUID id, String text, Signature signature) {
	}

	/** A section and its text. */
	public record Written(NoteTemplate.Section section, String text) {
	}

}

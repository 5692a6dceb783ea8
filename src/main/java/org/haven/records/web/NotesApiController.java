package org.haven.records.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.DocumentationStatus;
import org.haven.records.internal.Note;
import org.haven.records.internal.PsychotherapyNotes;
import org.haven.records.internal.SessionNotes;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Session notes on /api/v1: what the note pages do, for static/js/notes.js (saving the
 * draft as the therapist types) and other clients of a signed-in person. Anyone who may
 * not see a note gets 404, as for a note that does not exist.
 */
@RestController
class NotesApiController {

	private static final String TAG = "Records";

	private final SessionNotes notes;

	private final PsychotherapyNotes psychotherapy;

	private final DocumentationStatus status;

	NotesApiController(SessionNotes notes, PsychotherapyNotes psychotherapy, DocumentationStatus status) {
		this.notes = notes;
		this.psychotherapy = psychotherapy;
		this.status = status;
	}

	@Operation(operationId = "getSessionNote", summary = "Read a session's progress note", tags = TAG,
			description = "A draft for its author only; a signed note for the client and the therapists who may read the"
					+ " client's record (an admin through break-glass). Every read is audited. 404 for anyone else.")
	@Refusals({ 404 })
	@GetMapping("/api/v1/records/notes/{id}")
	NoteJson read(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		SessionNotes.Reading reading = notes.read(me, id);
		Note note = reading.note();
		return new NoteJson(note.id(), note.appointmentId(), note.template().name(), note.sessionStart(),
				note.modality(), note.durationSeconds(), note.location(),
				note.written()
					.stream()
					.map(w -> new SectionJson(w.section().key(), w.section().title(), w.text()))
					.toList(),
				note.version(), note.signature(), reading.addenda());
	}

	@Operation(operationId = "saveSessionNoteDraft", summary = "Save the draft of a progress note", tags = TAG,
			description = "For the note's author while care is active. version is the version the text was written on; a"
					+ " save from an older version is refused with 409 and changes nothing, as is any save of a signed note."
					+ " template changes the template of a note whose sections are all empty.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/notes/{id}/draft")
	SessionNotes.Saved save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody DraftRequest request) {
		return notes.save(me, id, request.version(), request.template(),
				request.sections() == null ? Map.of() : request.sections());
	}

	@Operation(operationId = "signSessionNote", summary = "Sign a progress note", tags = TAG,
			description = "Locks the note as it is at version for ever, recording who signed, when and the SHA-256 of its"
					+ " canonical text (docs/records.md). 409 when the note changed since that version or is signed.")
	@Refusals({ 400, 404, 409, 415 })
	@PostMapping("/api/v1/records/notes/{id}/sign")
	Note.Signature sign(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody SignRequest request) {
		return notes.sign(me, id, request.version());
	}

	@Operation(operationId = "addSessionNoteAddendum", summary = "Add a signed addendum to a signed note", tags = TAG,
			description = "For the note's author while care is active; the addendum is signed as it is stored (who, when,"
					+ " SHA-256 of its text) and never changes. 409 while the note is a draft.")
	@ApiResponse(responseCode = "201", description = "Added and signed.",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Note.Addendum.class)))
	@Refusals({ 400, 404, 409, 415 })
	@ResponseStatus(HttpStatus.CREATED)
	@PostMapping("/api/v1/records/notes/{id}/addenda")
	Note.Addendum addendum(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestBody AddendumRequest request) {
		return notes.addendum(me, id, request.text());
	}

	@Operation(operationId = "listUndocumentedSessions", summary = "The therapist's sessions without a signed note",
			tags = TAG,
			description = "Past sessions of clients in the therapist's active care, oldest first, each with"
					+ " its draft note if one was opened. For therapists.")
	@GetMapping("/api/v1/records/notes/status")
	List<UndocumentedJson> undocumented(@AuthenticationPrincipal CurrentAccount me) {
		return status.undocumented(me.id())
			.stream()
			.map(u -> new UndocumentedJson(u.session().id(), u.session().clientId(), u.start(),
					u.session().modality().name(), u.draft().orElse(null)))
			.toList();
	}

	@Operation(operationId = "getPsychotherapyNote", summary = "Read one of the caller's psychotherapy notes",
			tags = TAG,
			description = "For its author only, audited. Psychotherapy notes are not part of the record: 404"
					+ " for the client and for everyone else.")
	@Refusals({ 404 })
	@GetMapping("/api/v1/records/psychotherapy-notes/{id}")
	PsychotherapyNotes.Entry psychotherapy(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id) {
		return psychotherapy.read(me, id);
	}

	/**
	 * @param sections each section's text by its key (e.g. subjective); a section left
	 * out is saved empty
	 */
	record DraftRequest(int version, @Nullable String template, @Nullable Map<String, String> sections) {
	}

	record SignRequest(int version) {
	}

	record AddendumRequest(String text) {
	}

	record SectionJson(String key, String title, String text) {
	}

	/**
	 * @param signature null while the note is a draft
	 */
	record NoteJson(UUID id, UUID appointmentId, String template, Instant sessionStart, String modality,
			long durationSeconds, @Nullable String location, List<SectionJson> sections, int version,
			Note.@Nullable Signature signature, List<Note.Addendum> addenda) {
	}

	record UndocumentedJson(UUID appointmentId, UUID clientId, Instant start, String modality, @Nullable UUID draftId) {
	}

}

package org.haven.messaging.web;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.parameters.RequestBody;
import org.haven.identity.CurrentAccount;
import org.haven.messaging.internal.LetterDrafts;
import org.haven.messaging.internal.LetterDrafts.Saved;
import org.haven.messaging.internal.Member;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import org.haven.shared.web.Refusal;
import org.haven.shared.web.Refusals;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves a letter's draft as its author types (static/js/letters.js). The body is read
 * only after the caller is known to be a party: a stranger gets 404 whatever they send,
 * as for a conversation that does not exist.
 */
@RestController
class LetterDraftsApiController {

	/**
	 * A draft of 100,000 characters, each up to 4 bytes as UTF-8 and escaped in JSON,
	 * fits with room to spare.
	 */
	static final long MAX_REQUEST_BYTES = 1024 * 1024;

	private final LetterPages pages;

	private final LetterDrafts drafts;

	private final JsonMapper json;

	LetterDraftsApiController(LetterPages pages, LetterDrafts drafts, JsonMapper json) {
		this.pages = pages;
		this.drafts = drafts;
		this.json = json;
	}

	@Operation(operationId = "saveLetterDraft", summary = "Save the caller's draft of a letter", tags = "Letters",
			description = "One draft per author, conversation and thread (thread omitted: a letter that starts a thread); a save replaces the"
					+ " last. The id is the form's draft id and becomes the letter's client key: once that letter was sent, saves are"
					+ " ignored (alreadySent). 404 for anyone but the conversation's two parties; 409 once care ended.")
	@Refusals({ 400, 404, 409, 415 })
	@RequestBody(required = true,
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = DraftRequest.class)))
	@PostMapping("/api/v1/messages/{conversation}/drafts")
	SavedDraft save(@AuthenticationPrincipal CurrentAccount me, @PathVariable String conversation,
			HttpServletRequest http) throws IOException {
		Member member = pages.member(me.id(), conversation);
		if (!json(http.getContentType())) {
			throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		}
		byte[] content = http.getInputStream().readNBytes((int) MAX_REQUEST_BYTES + 1);
		if (content.length > MAX_REQUEST_BYTES) {
			throw Refusal.of("body", "A letter may be at most 100,000 characters.");
		}
		DraftRequest request;
		try {
			request = json.readValue(content, DraftRequest.class);
		}
		catch (JacksonException ex) {
			throw Refusal.of("draft", "The draft is not a JSON object with id, thread, subject and body.");
		}
		UUID id = LetterPages.id(request.id()).orElseThrow(() -> Refusal.of("id", "id is the form's draft id."));
		UUID thread = null;
		if (request.thread() != null && !request.thread().isEmpty()) {
			thread = LetterPages.id(request.thread()).orElseThrow(LetterPages::notFound);
		}
		Saved saved = drafts.save(member, id, thread, request.subject(), request.body());
		return new SavedDraft(saved.id(), saved.savedAt(), saved.alreadySent());
	}

	private static boolean json(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	record DraftRequest(String id, @Nullable String thread, @Nullable String subject, @Nullable String body) {
	}

	record SavedDraft(UUID id, @Nullable Instant savedAt, boolean alreadySent) {
	}

}

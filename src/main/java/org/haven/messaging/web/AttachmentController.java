package org.haven.messaging.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.messaging.internal.Attachments;
import org.haven.messaging.internal.Attachments.File;
import org.haven.messaging.internal.ConversationStore;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.shared.web.Refusal;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Files in a conversation: uploaded before the message that sends them, served only to
 * the conversation's two parties. Pictures are re-encoded on upload and shown in the
 * page; anything else (PDF) is a download, and every answer carries nosniff and a
 * sandboxing CSP so that a file can never run as a page of Haven.
 */
@RestController
class AttachmentController {

	private final ConversationStore store;

	private final Attachments attachments;

	AttachmentController(ConversationStore store, Attachments attachments) {
		this.store = store;
		this.attachments = attachments;
	}

	@PostMapping("/messages/{id}/attachments")
	ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(required = false) MultipartFile file) throws IOException {
		var member = ConversationPages.member(store, me, id);
		AttachmentInfo info = attachments.upload(member, Attachments
			.prepare(file == null ? "" : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("id", info.id().toString(), "name", info.name(), "type", info.mediaType(), "size", info.size(),
					"inline", info.inline()));
	}

	/** The chat page's script reads the code, as it does an error frame's. */
	@ExceptionHandler(Refusal.class)
	ResponseEntity<Map<String, Object>> refused(Refusal refused) {
		return ResponseEntity
			.status("too-large".equals(refused.code()) ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST)
			.body(Map.of("error", refused.code(), "message", refused.getMessage()));
	}

	@GetMapping("/messages/{id}/attachments/{attachment}")
	ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@PathVariable UUID attachment) {
		var member = ConversationPages.member(store, me, id);
		File file = attachments.read(member, attachment)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		ContentDisposition disposition = (file.inline() ? ContentDisposition.inline() : ContentDisposition.attachment())
			.filename(file.name(), StandardCharsets.UTF_8)
			.build();
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mediaType()))
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
			.cacheControl(CacheControl.noStore().cachePrivate())
			.body(file.content());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<Map<String, Object>> tooLarge() {
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(Map.of("error", "too-large", "message", "A file may be at most 10 MB."));
	}

}

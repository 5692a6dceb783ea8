package org.haven.messaging.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files sent in a conversation: images (PNG, JPEG, GIF, WebP) and PDF, up to 10 MB. The type is read from
 * the file's first bytes, never from its name or the browser's word; the file and its name are stored
 * sealed. Only images are shown in the page; everything else is served as a download.
 */
@Service
public class Attachments {

	public static final long MAX_BYTES = 10L * 1024 * 1024;
	static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
	static final int MAX_NAME = 200;

	private final JdbcClient jdbc;
	private final FieldEncryption encryption;
	private final AuditTrail audit;
	private final Clock clock;

	Attachments(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	/** Keeps an upload until a message or letter sends it. */
	@Transactional
	public AttachmentInfo upload(Member member, String rawName, byte[] content) {
		if (!member.open()) {
			throw MessagingException.closed();
		}
		if (content.length == 0) {
			throw new MessagingException("bad-field", "The file is empty.");
		}
		if (content.length > MAX_BYTES) {
			throw new MessagingException("too-large", "A file may be at most 10 MB.");
		}
		String type = sniff(content).orElseThrow(() -> new MessagingException("bad-type",
				"Only pictures (PNG, JPEG, GIF, WebP) and PDF documents can be sent."));
		String name = name(rawName, type);
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into message_attachment (id, conversation_id, uploaded_by, name, media_type, size_bytes, sealed, created_at)
				values (:id, :c, :me, :name, :type, :size, :sealed, :now)""")
			.param("id", id).param("c", member.conversationId()).param("me", member.accountId()).param("name", encryption.encrypt(name))
			.param("type", type).param("size", content.length).param("sealed", encryption.encrypt(content))
			.param("now", Timestamps.utc(clock.instant())).update();
		return new AttachmentInfo(id, name, type, content.length, INLINE_TYPES.contains(type));
	}

	/**
	 * A file for one of the conversation's parties: one sent with an item that was not removed, or the
	 * reader's own upload not sent yet. Each download is audited.
	 */
	@Transactional
	public Optional<File> read(Member member, UUID attachmentId) {
		Optional<File> file = jdbc.sql("""
				select a.name, a.media_type, a.sealed from message_attachment a
				where a.id = :id and a.conversation_id = :c
				  and ((a.item_seq is null and a.uploaded_by = :me)
				       or exists (select 1 from conversation_item i where i.conversation_id = a.conversation_id and i.seq = a.item_seq
				                  and i.deleted_at is null))""")
			.param("id", attachmentId).param("c", member.conversationId()).param("me", member.accountId())
			.query((rs, n) -> new File(encryption.decrypt(rs.getString(1)), rs.getString(2), encryption.decrypt(rs.getBytes(3))))
			.optional();
		file.ifPresent(f -> audit.record(AuditTrail.account(member.accountId()), "ATTACHMENT_READ", "conversation:" + member.conversationId(),
				"attachment " + attachmentId));
		return file;
	}

	/** Uploads nobody sent within a day are removed. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	public void removeAbandoned() {
		jdbc.sql("delete from message_attachment where item_seq is null and draft_id is null and created_at < :before")
			.param("before", Timestamps.utc(clock.instant().minus(Duration.ofDays(1)))).update();
	}

	/** The media type from the first bytes, for the types Haven accepts. */
	static Optional<String> sniff(byte[] b) {
		if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return Optional.of("image/png");
		}
		if (starts(b, 0xFF, 0xD8, 0xFF)) {
			return Optional.of("image/jpeg");
		}
		if (starts(b, 'G', 'I', 'F', '8', '7', 'a') || starts(b, 'G', 'I', 'F', '8', '9', 'a')) {
			return Optional.of("image/gif");
		}
		if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
			return Optional.of("image/webp");
		}
		if (starts(b, '%', 'P', 'D', 'F', '-')) {
			return Optional.of("application/pdf");
		}
		return Optional.empty();
	}

	private static boolean starts(byte[] b, int... prefix) {
		if (b.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((b[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/** A file name fit to show and to send back in a header: no paths, no control or reordering marks, the right extension. */
	static String name(String raw, String type) {
		String name = raw == null ? "" : raw.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		StringBuilder clean = new StringBuilder();
		name.codePoints().filter(cp -> !TextChecks.hasForbiddenCharacters(Character.toString(cp), false) && cp != '"')
			.forEach(clean::appendCodePoint);
		name = clean.toString().strip();
		String extension = switch (type) {
			case "image/png" -> ".png";
			case "image/jpeg" -> ".jpg";
			case "image/gif" -> ".gif";
			case "image/webp" -> ".webp";
			default -> ".pdf";
		};
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		if (stem.isEmpty()) {
			stem = "file";
		}
		if (stem.length() > MAX_NAME - extension.length()) {
			stem = stem.substring(0, MAX_NAME - extension.length());
		}
		return stem + extension;
	}

	public record File(String name, String mediaType, byte[] content) {

		public boolean inline() {
			return INLINE_TYPES.contains(mediaType);
		}
	}
}

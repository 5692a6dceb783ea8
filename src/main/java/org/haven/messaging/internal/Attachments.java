package org.haven.messaging.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.messaging.internal.Item.AttachmentInfo;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.image.PictureRejected;
import org.haven.shared.image.Pictures;
import org.haven.shared.image.Pictures.Format;
import org.haven.shared.jobs.JobLock;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files sent in a conversation: pictures (JPEG, PNG, GIF) and PDF, up to 10 MB. The type
 * is read from the file's first bytes, never from its name or the browser's word.
 * Pictures are re-encoded before they are stored ({@link Pictures}): what reaches the
 * other party is the pixels, upright, and nothing else (no EXIF position, no comments,
 * nothing appended); a canvas beyond {@link #MAX_SOURCE_PIXELS} is refused before it is
 * decoded. WebP is refused: the Java runtime cannot decode it, so it cannot be cleaned.
 * The file and its name are stored sealed. Only pictures are shown in the page; a PDF is
 * served as a download.
 */
@Service
public class Attachments {

	public static final long MAX_BYTES = 10L * 1024 * 1024;

	/**
	 * Larger canvases are refused before decoding: a photo of a modern phone has 12 to 50
	 * million pixels.
	 */
	public static final long MAX_SOURCE_PIXELS = 40_000_000;

	public static final int MAX_SOURCE_SIDE = 12_000;

	/**
	 * Pictures are kept at most this many pixels a side: enough to read a photographed
	 * page, and memory stays bounded.
	 */
	public static final int MAX_SIDE = 2048;

	/**
	 * GIF and WebP stay here for files stored before pictures were re-encoded (a GIF is
	 * now kept as PNG).
	 */
	static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
	static final int MAX_NAME = 200;

	private static final Pictures.Limits PICTURES = new Pictures.Limits(Set.of(Format.JPEG, Format.PNG, Format.GIF),
			MAX_SOURCE_SIDE, MAX_SOURCE_PIXELS, MAX_SIDE);

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

	/**
	 * Keeps an upload, made fit by {@link #prepare} beforehand (outside the transaction:
	 * re-encoding a large picture takes a while and needs no connection), until a message
	 * sends it.
	 */
	@Transactional
	public AttachmentInfo upload(Member member, Prepared file) {
		if (!member.open()) {
			throw Refused.closed();
		}
		return store(member, file);
	}

	/**
	 * Checks a file and makes it fit to keep: a picture re-encoded, a PDF as it came, the
	 * name cleaned.
	 * @throws Refusal {@code bad-field} (empty), {@code too-large} (bytes),
	 * {@code bad-type}, {@code too-many-pixels} or {@code unreadable}; nothing was stored
	 */
	public static Prepared prepare(String rawName, byte[] content) {
		return prepare(rawName, content, "This picture");
	}

	/**
	 * @param called how a refusal names the picture, "This picture" or "The file “name”"
	 */
	static Prepared prepare(String rawName, byte[] content, String called) {
		if (content.length == 0) {
			throw Refused.as("bad-field", "file", "The file is empty.");
		}
		if (content.length > MAX_BYTES) {
			throw Refused.as("too-large", "file", "A file may be at most 10 MB.");
		}
		String type = sniff(content).orElseThrow(
				() -> Refused.as("bad-type", "file", "Only pictures (JPEG, PNG, GIF) and PDF documents can be sent."));
		if (type.equals("image/webp")) {
			throw Refused.as("bad-type", "file", called + " " + WEBP);
		}
		if (type.equals("application/pdf")) {
			return new Prepared(name(rawName, type), type, content);
		}
		try {
			Pictures.Clean clean = Pictures.reencode(content, PICTURES);
			return new Prepared(name(rawName, clean.mediaType()), clean.mediaType(), clean.bytes());
		}
		catch (PictureRejected rejected) {
			String code = switch (rejected.reason()) {
				case TOO_LARGE -> "too-many-pixels";
				case UNREADABLE -> "unreadable";
				case NOT_A_PICTURE -> "bad-type";
			};
			throw Refused.as(code, "file", called + " " + problem(rejected));
		}
	}

	private static String problem(PictureRejected rejected) {
		return switch (rejected.reason()) {
			case TOO_LARGE -> String.format(Locale.ENGLISH,
					"is %,d by %,d pixels, more than Haven accepts: send one of at most 40 megapixels and %,d pixels a side.",
					rejected.width(), rejected.height(), MAX_SOURCE_SIDE);
			case UNREADABLE -> "could not be read as a picture: save it again as JPEG or PNG and send that.";
			case NOT_A_PICTURE -> "is not a picture Haven accepts (JPEG, PNG, GIF).";
		};
	}

	static final String WEBP = "is a WebP picture, which Haven cannot clean of hidden data (such as its location): save it as JPEG or PNG and send that.";

	/**
	 * Keeps a prepared file until a message or letter sends it, in the caller's
	 * transaction.
	 */
	AttachmentInfo store(Member member, Prepared file) {
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into message_attachment (id, conversation_id, uploaded_by, name, media_type, size_bytes, sealed, created_at)
						values (:id, :c, :me, :name, :type, :size, :sealed, :now)""")
			.param("id", id)
			.param("c", member.conversationId())
			.param("me", member.accountId())
			.param("name", encryption.encrypt(file.name()))
			.param("type", file.mediaType())
			.param("size", file.content().length)
			.param("sealed", encryption.encrypt(file.content()))
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		return new AttachmentInfo(id, file.name(), file.mediaType(), file.content().length,
				INLINE_TYPES.contains(file.mediaType()));
	}

	/**
	 * A file for one of the conversation's parties: one sent with an item that was not
	 * removed, or the reader's own upload not sent yet. Each download is audited.
	 */
	@Transactional
	public Optional<File> read(Member member, UUID attachmentId) {
		Optional<File> file = jdbc
			.sql("""
					select a.name, a.media_type, a.sealed from message_attachment a
					where a.id = :id and a.conversation_id = :c
					  and ((a.item_seq is null and a.uploaded_by = :me)
					       or exists (select 1 from conversation_item i where i.conversation_id = a.conversation_id and i.seq = a.item_seq
					                  and i.deleted_at is null))""")
			.param("id", attachmentId)
			.param("c", member.conversationId())
			.param("me", member.accountId())
			.query((rs, n) -> new File(encryption.decrypt(rs.getString(1)), rs.getString(2),
					encryption.decrypt(rs.getBytes(3))))
			.optional();
		file.ifPresent(f -> audit.record(AuditTrail.account(member.accountId()), "ATTACHMENT_READ",
				"conversation:" + member.conversationId(), "attachment " + attachmentId));
		return file;
	}

	/**
	 * Uploads nobody sent within a day are removed, by one node at a time: another node
	 * running the clean-up meanwhile skips its round rather than wait on the same rows.
	 * Returns how many this node removed.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	public int removeAbandoned() {
		if (!JobLock.tryHold(jdbc, "messaging.abandoned-uploads")) {
			return 0;
		}
		return jdbc
			.sql("delete from message_attachment where item_seq is null and draft_id is null and created_at < :before")
			.param("before", Timestamps.utc(clock.instant().minus(Duration.ofDays(1))))
			.update();
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
		if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
				&& b[11] == 'P') {
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

	/**
	 * A file name fit to show and to send back in a header: no paths, no control or
	 * reordering marks, the right extension.
	 */
	static String name(String raw, String type) {
		String name = raw == null ? "" : raw.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).strip();
		StringBuilder clean = new StringBuilder();
		name.codePoints()
			.filter(cp -> !TextChecks.hasForbiddenCharacters(Character.toString(cp), false) && cp != '"')
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

	/** A file checked and cleaned, not stored yet. */
	public record Prepared(String name, String mediaType, byte[] content) {
	}

	public record File(String name, String mediaType, byte[] content) {

		public boolean inline() {
			return INLINE_TYPES.contains(mediaType);
		}
	}

}

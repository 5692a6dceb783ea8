package org.haven.care.internal;

import org.haven.shared.web.Refusal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.TelehealthConsent;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's telehealth informed consent: admins publish versions (Markdown); a
 * client signs the current one with their typed full name. The signature records the
 * time, the client's address and the SHA-256 of the exact text shown, so what was agreed
 * to can be proven later.
 */
@Service
public class Consents implements TelehealthConsent {

	static final int MAX_BODY = 50_000;

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	Consents(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<Document> current() {
		return jdbc.sql(
				"select version, title, body, sha256, published_at from consent_document order by version desc limit 1")
			.query((rs, n) -> new Document(rs.getInt("version"), rs.getString("title"), rs.getString("body"),
					rs.getString("sha256"), rs.getObject("published_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	@Transactional
	public int publish(UUID adminId, String rawTitle, String rawBody) {
		String title = rawTitle == null ? "" : rawTitle.strip();
		String body = rawBody == null ? "" : rawBody.strip().replace("\r\n", "\n");
		if (title.isEmpty() || title.length() > 200) {
			throw Refusal.of("title", "Give the document a title of at most 200 characters.");
		}
		if (body.isEmpty()) {
			throw Refusal.of("body", "Write the consent text.");
		}
		if (body.length() > MAX_BODY) {
			throw Refusal.of("body", "Use at most " + MAX_BODY + " characters.");
		}
		int version = current().map(Document::version).orElse(0) + 1;
		jdbc.sql("""
				insert into consent_document (version, title, body, sha256, published_at, published_by)
				values (:version, :title, :body, :sha, :now, :by)""")
			.param("version", version)
			.param("title", title)
			.param("body", body)
			.param("sha", sha256(title + "\n\n" + body))
			.param("now", Timestamps.utc(clock.instant()))
			.param("by", adminId)
			.update();
		audit.record(adminId == null ? "system" : AuditTrail.account(adminId), "CONSENT_PUBLISHED",
				"consent:v" + version);
		return version;
	}

	/**
	 * Signs the version the client read; refused if a newer one was published meanwhile.
	 */
	@Transactional
	public void sign(UUID clientId, int readVersion, String rawName, boolean agreed, String address) {
		Document document = current()
			.orElseThrow(() -> Refusal.of("typedName", "There is no consent document to sign yet."));
		if (document.version() != readVersion) {
			throw Refusal.of("typedName",
					"A newer version was published while you were reading. Please read it and sign again.");
		}
		// Every problem of the form at once, in the order of its fields.
		Map<String, String> problems = new LinkedHashMap<>();
		if (!agreed) {
			problems.put("agree", "Tick the box to say you have read and agree to the consent.");
		}
		String name = rawName == null ? "" : rawName.strip();
		if (name.isEmpty() || name.length() > 200 || name.codePoints().noneMatch(Character::isLetter)
				|| TextChecks.hasForbiddenCharacters(name, false)) {
			problems.put("typedName", "Type your full name as your signature.");
		}
		if (!problems.isEmpty()) {
			throw Refusal.of(problems);
		}
		if (signedAt(clientId, document.version()).isPresent()) {
			return; // signed this version already: nothing to do
		}
		jdbc.sql("""
				insert into consent_signature (id, client_id, version, document_sha256, typed_name, address, signed_at)
				values (:id, :client, :version, :sha, :name, :address, :now)""")
			.param("id", UUID.randomUUID())
			.param("client", clientId)
			.param("version", document.version())
			.param("sha", document.sha256())
			.param("name", encryption.encrypt(name))
			.param("address", address == null ? "unknown" : address.length() > 64 ? address.substring(0, 64) : address)
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(clientId), "CONSENT_SIGNED", "consent:v" + document.version());
	}

	@Transactional(readOnly = true)
	public Optional<Instant> signedAt(UUID clientId, int version) {
		return jdbc.sql("select signed_at from consent_signature where client_id = :client and version = :version")
			.param("client", clientId)
			.param("version", version)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public boolean hasCurrentConsent(UUID clientId) {
		return current().flatMap(document -> signedAt(clientId, document.version())).isPresent();
	}

	@Override
	@Transactional(readOnly = true)
	public List<Signature> signaturesOf(UUID clientId) {
		return jdbc.sql("""
				select d.version, d.title, s.document_sha256, s.signed_at
				from consent_signature s join consent_document d on d.version = s.version
				where s.client_id = :client order by s.version""")
			.param("client", clientId)
			.query((rs, n) -> new Signature(rs.getInt(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.list();
	}

	static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Document(int version, String title, String body, String sha256, Instant publishedAt) {
	}

}

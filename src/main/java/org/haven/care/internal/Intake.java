package org.haven.care.internal;

import org.haven.shared.web.Refusal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.directory.Jurisdiction;
import org.haven.directory.Modality;
import org.haven.directory.TherapistDirectory;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake: a client asks a therapist for care, and the therapist accepts or declines. What
 * a client writes is encrypted at rest, shown only to the two parties, and every read of
 * it is audited. Someone who is not a party learns nothing, not even that a request
 * exists: lookups answer "not found" for them. Accepting starts a care relationship
 * ({@link Relationships}) in the same transaction.
 */
@Service
public class Intake {

	static final int MAX_REASON = 4000;

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final TherapistDirectory directory;

	private final Accounts accounts;

	private final AuditTrail audit;

	private final Relationships relationships;

	private final Clock clock;

	Intake(JdbcClient jdbc, FieldEncryption encryption, TherapistDirectory directory, Accounts accounts,
			AuditTrail audit, Relationships relationships, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.directory = directory;
		this.accounts = accounts;
		this.audit = audit;
		this.relationships = relationships;
		this.clock = clock;
	}

	@Transactional
	public UUID request(UUID clientId, UUID therapistId, RequestForm form) {
		AccountSummary therapist = accounts.find(therapistId)
			.filter(a -> a.role() == Role.THERAPIST && a.active())
			.orElseThrow(() -> Refusal.of("therapist", "This therapist cannot be asked for care."));
		String reason = text("reason", form.reason(), MAX_REASON, true,
				"In your own words, what you would like help with.");
		String jurisdiction = jurisdiction(form.jurisdiction());
		String location = text("location", form.location(), 300, false, "Where you live: town or city, and region.");
		String contact = text("emergencyContact", form.emergencyContact(), 300, false,
				"Someone we may call in an emergency: name and phone number.");
		if (form.modalities() == null || form.modalities().isEmpty()) {
			throw Refusal.of("modalities", "Choose at least one way you would like to meet.");
		}
		List<String> modalities = form.modalities().stream().distinct().map(m -> {
			Modality modality = Modality.parse(m)
				.orElseThrow(() -> Refusal.of("modalities", "Unknown modality: choose from the list."));
			if (!directory.offers(therapistId, modality)) {
				throw Refusal.of("modalities",
						"This therapist does not offer " + modality.label().toLowerCase(Locale.ROOT) + ".");
			}
			return modality.name();
		}).toList();
		if (!directory.licensedIn(therapistId, jurisdiction, LocalDate.now(clock))) {
			throw Refusal.of("jurisdiction",
					"This therapist is not licensed where you live, so they cannot treat you there. "
							+ "Search the directory for therapists licensed in " + jurisdiction + ".");
		}
		boolean open = jdbc
			.sql("select count(*) from care_request where client_id = :c and therapist_id = :t and status = 'PENDING'")
			.param("c", clientId)
			.param("t", therapistId)
			.query(Integer.class)
			.single() > 0;
		if (open || relationships.active(clientId, therapistId).isPresent()) {
			throw Refusal.of("therapist", "You already have " + (open ? "a request waiting with" : "care with") + " "
					+ therapist.displayName() + ".");
		}
		UUID id = UUID.randomUUID();
		jdbc.sql(
				"""
						insert into care_request (id, client_id, therapist_id, reason, preferred_modalities, jurisdiction, location,
						emergency_contact, status, created_at)
						values (:id, :client, :therapist, :reason, :modalities, :jurisdiction, :location, :contact, 'PENDING', :now)""")
			.param("id", id)
			.param("client", clientId)
			.param("therapist", therapistId)
			.param("reason", encryption.encrypt(reason))
			.param("modalities", String.join(",", modalities))
			.param("jurisdiction", jurisdiction)
			.param("location", encryption.encrypt(location))
			.param("contact", encryption.encrypt(contact))
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		audit.record(AuditTrail.account(clientId), "CARE_REQUESTED", "care-request:" + id);
		return id;
	}

	/** A request, for one of its two parties only; the read is audited. */
	@Transactional
	public Optional<CareRequest> requestFor(UUID viewerId, UUID requestId) {
		Optional<CareRequest> found = jdbc
			.sql("select * from care_request where id = :id and (client_id = :viewer or therapist_id = :viewer)")
			.param("id", requestId)
			.param("viewer", viewerId)
			.query(this::request)
			.optional();
		found.ifPresent(
				r -> audit.record(AuditTrail.account(viewerId), "CARE_REQUEST_READ", "care-request:" + requestId));
		return found;
	}

	/**
	 * Requests sent by a client, newest first (their own words are not needed for the
	 * list).
	 */
	@Transactional(readOnly = true)
	public List<Summary> requestsOf(UUID clientId) {
		return jdbc.sql(
				"select id, client_id, therapist_id, status, created_at from care_request where client_id = :id order by created_at desc")
			.param("id", clientId)
			.query(this::summary)
			.list();
	}

	/** Requests waiting for a therapist's answer, oldest first. */
	@Transactional(readOnly = true)
	public List<Summary> pendingFor(UUID therapistId) {
		return jdbc.sql("""
				select id, client_id, therapist_id, status, created_at from care_request
				where therapist_id = :id and status = 'PENDING' order by created_at""")
			.param("id", therapistId)
			.query(this::summary)
			.list();
	}

	@Transactional
	public UUID accept(UUID therapistId, UUID requestId, String message) {
		CareRequest request = pendingForTherapist(therapistId, requestId);
		decide(request, CareRequest.Status.ACCEPTED, message);
		return relationships.start(requestId, request.clientId(), therapistId);
	}

	@Transactional
	public void decline(UUID therapistId, UUID requestId, String message) {
		CareRequest request = pendingForTherapist(therapistId, requestId);
		if (message == null || message.isBlank()) {
			throw Refusal.of("message", "Tell the client why, and where they might find help instead.");
		}
		decide(request, CareRequest.Status.DECLINED, message);
		audit.record(AuditTrail.account(therapistId), "CARE_DECLINED", "care-request:" + requestId);
	}

	@Transactional
	public boolean withdraw(UUID clientId, UUID requestId) {
		int updated = jdbc.sql("""
				update care_request set status = 'WITHDRAWN', decided_at = :now
				where id = :id and client_id = :client and status = 'PENDING'""")
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", requestId)
			.param("client", clientId)
			.update();
		if (updated == 1) {
			audit.record(AuditTrail.account(clientId), "CARE_REQUEST_WITHDRAWN", "care-request:" + requestId);
		}
		return updated == 1;
	}

	private CareRequest pendingForTherapist(UUID therapistId, UUID requestId) {
		return jdbc.sql("select * from care_request where id = :id and therapist_id = :t")
			.param("id", requestId)
			.param("t", therapistId)
			.query(this::request)
			.optional()
			.filter(CareRequest::pending)
			.orElseThrow(() -> Refusal.of("request", "This request is no longer waiting for an answer."));
	}

	private void decide(CareRequest request, CareRequest.Status status, String message) {
		String clean = message == null || message.isBlank() ? null : text("message", message, 2000, true, "");
		jdbc.sql(
				"update care_request set status = :status, therapist_message = :message, decided_at = :now where id = :id and status = 'PENDING'")
			.param("status", status.name())
			.param("message", clean == null ? null : encryption.encrypt(clean))
			.param("now", Timestamps.utc(clock.instant()))
			.param("id", request.id())
			.update();
	}

	private CareRequest request(ResultSet rs, int row) throws SQLException {
		String message = rs.getString("therapist_message");
		OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
		return new CareRequest(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
				rs.getObject("therapist_id", UUID.class), encryption.decrypt(rs.getString("reason")),
				Arrays.asList(rs.getString("preferred_modalities").split(",")), rs.getString("jurisdiction"),
				encryption.decrypt(rs.getString("location")), encryption.decrypt(rs.getString("emergency_contact")),
				CareRequest.Status.valueOf(rs.getString("status")),
				message == null ? null : encryption.decrypt(message),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				decided == null ? null : decided.toInstant());
	}

	private Summary summary(ResultSet rs, int row) throws SQLException {
		UUID client = rs.getObject("client_id", UUID.class);
		UUID therapist = rs.getObject("therapist_id", UUID.class);
		return new Summary(rs.getObject("id", UUID.class), client, name(client), therapist, name(therapist),
				CareRequest.Status.valueOf(rs.getString("status")),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	public String name(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::displayName).orElse("(unknown)");
	}

	private static String jurisdiction(String raw) {
		return Jurisdiction.normalize(raw)
			.orElseThrow(() -> Refusal.of("jurisdiction", "Write where you live as a country "
					+ "code, with the state or province where licences are regional: US-CA, CA-ON, GB."));
	}

	private static String text(String field, String raw, int max, boolean multiline, String prompt) {
		String value = TextChecks.field(field, raw, max, multiline);
		if (value == null) {
			throw Refusal.of(field, "Enter " + Character.toLowerCase(prompt.charAt(0)) + prompt.substring(1));
		}
		return value;
	}

	public record RequestForm(String reason, List<String> modalities, String jurisdiction, String location,
			String emergencyContact) {
	}

	public record Summary(UUID id, UUID clientId, String clientName, UUID therapistId, String therapistName,
			CareRequest.Status status, Instant createdAt) {

		public String sentOn() {
			return createdAt.atZone(ZoneOffset.UTC).toLocalDate().toString();
		}
	}

}

package org.haven.visits.internal;

import org.haven.shared.web.Refusal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.visits.CheckInFacts;
import org.haven.directory.Jurisdiction;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's check-in before each session: where they are right now (an address in
 * their words and the jurisdiction) and a phone number reachable during the session. It
 * is the emergency plan for that session, so it is asked every time, stored encrypted and
 * shown only to the therapist; reads are audited.
 */
@Service
public class CheckIns implements CheckInFacts {

	static final int MAX_LOCATION = 300;
	static final int MAX_PHONE = 40;

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final AuditTrail audit;

	private final Clock clock;

	CheckIns(JdbcClient jdbc, FieldEncryption encryption, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	public CheckIn checkIn(UUID appointmentId, UUID clientId, String rawLocation, String rawJurisdiction,
			String rawPhone) {
		String location = rawLocation == null ? "" : rawLocation.strip();
		if (location.isEmpty() || location.length() > MAX_LOCATION
				|| TextChecks.hasForbiddenCharacters(location, true)) {
			throw Refusal.of("location", "Say where you are right now (an address or a description, up to "
					+ MAX_LOCATION + " characters), so that help can reach you in an emergency.");
		}
		String jurisdiction = Jurisdiction.normalize(rawJurisdiction)
			.orElseThrow(() -> Refusal.of("jurisdiction",
					"Enter the state or country you are in, as a code such as US-CA or GB."));
		String phone = rawPhone == null ? "" : rawPhone.strip();
		if (!phone.matches("\\+?[0-9][0-9 ()./-]{5,38}")) {
			throw Refusal.of("phone",
					"Enter a phone number your therapist can call you on during the session, for example +1 555 010 0100.");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				insert into visit_checkin (id, appointment_id, client_id, location, jurisdiction, phone, created_at)
				values (:id, :appointment, :client, :location, :jurisdiction, :phone, :now)""")
			.param("id", UUID.randomUUID())
			.param("appointment", appointmentId)
			.param("client", clientId)
			.param("location", encryption.encrypt(location))
			.param("jurisdiction", jurisdiction)
			.param("phone", encryption.encrypt(phone))
			.param("now", Timestamps.utc(now))
			.update();
		audit.record(AuditTrail.account(clientId), "VISIT_CHECKED_IN", "appointment:" + appointmentId);
		return new CheckIn(location, jurisdiction, phone, now);
	}

	/**
	 * The latest check-in for this session, for the therapist (audited) or the client
	 * themselves.
	 */
	@Transactional
	public Optional<CheckIn> latest(UUID appointmentId, UUID readerId) {
		Optional<CheckIn> found = jdbc.sql("""
				select location, jurisdiction, phone, created_at from visit_checkin where appointment_id = :id
				order by created_at desc limit 1""")
			.param("id", appointmentId)
			.query((rs, n) -> new CheckIn(encryption.decrypt(rs.getString(1)), rs.getString(2),
					encryption.decrypt(rs.getString(3)), rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
		found.ifPresent(
				c -> audit.record(AuditTrail.account(readerId), "VISIT_CHECK_IN_READ", "appointment:" + appointmentId));
		return found;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> lastJurisdiction(UUID clientId) {
		return jdbc
			.sql("select jurisdiction from visit_checkin where client_id = :client order by created_at desc limit 1")
			.param("client", clientId)
			.query(String.class)
			.optional();
	}

	@Override
	@Transactional
	public Optional<String> locationAt(UUID appointmentId, UUID readerId) {
		return latest(appointmentId, readerId).map(CheckIn::location);
	}

	public record CheckIn(String location, String jurisdiction, String phone, Instant at) {
	}

}

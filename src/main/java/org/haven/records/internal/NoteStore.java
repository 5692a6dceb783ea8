package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.scheduling.AppointmentDetails;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of session notes: every text a person wrote (sections, addenda, the check-in
 * location) is encrypted here on the way in and decrypted on the way out. The database
 * refuses any change to a signed note or an addendum (V25's triggers); this class never
 * tries one.
 */
@Repository
class NoteStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> SECTIONS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	NoteStore(JdbcClient jdbc, FieldEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/**
	 * A draft for the session unless it has one; the id of the session's note either way.
	 */
	UUID draft(AppointmentDetails session, NoteTemplate template, long durationSeconds, Optional<String> location,
			Instant now) {
		jdbc.sql("""
				insert into records_note (id, appointment_id, client_id, therapist_id, template, session_start,
				  session_zone, modality, duration_seconds, location, sections, created_at, updated_at)
				values (:id, :appointment, :client, :therapist, :template, :start, :zone, :modality, :duration,
				  :location, :sections, :now, :now)
				on conflict (appointment_id) do nothing""")
			.param("id", UUID.randomUUID())
			.param("appointment", session.id())
			.param("client", session.clientId())
			.param("therapist", session.therapistId())
			.param("template", template.name())
			.param("start", Timestamps.utc(session.start()))
			.param("zone", session.therapistZone().getId())
			.param("modality", session.modality().name())
			.param("duration", durationSeconds)
			.param("location", location.map(encryption::encrypt).orElse(null))
			.param("sections", sections(Map.of()))
			.param("now", Timestamps.utc(now))
			.update();
		return forAppointment(session.id()).orElseThrow();
	}

	Optional<UUID> forAppointment(UUID appointmentId) {
		return jdbc.sql("select id from records_note where appointment_id = :id")
			.param("id", appointmentId)
			.query(UUID.class)
			.optional();
	}

	Optional<Note> find(UUID noteId) {
		return jdbc.sql("select * from records_note where id = :id").param("id", noteId).query(this::note).optional();
	}

	/** The client's notes, without their text. */
	List<Line> ofClient(UUID clientId) {
		return jdbc.sql("select id, therapist_id, signed_at, updated_at from records_note where client_id = :client")
			.param("client", clientId)
			.query((rs, n) -> new Line(rs.getObject("id", UUID.class), rs.getObject("therapist_id", UUID.class),
					rs.getObject("signed_at") == null ? null : instant(rs, "signed_at"), instant(rs, "updated_at")))
			.list();
	}

	/** The appointments of a therapist's notes, each with whether it is signed. */
	Map<UUID, Boolean> signedByAppointment(UUID therapistId) {
		Map<UUID, Boolean> found = new LinkedHashMap<>();
		jdbc.sql("select appointment_id, signed_at is not null from records_note where therapist_id = :therapist")
			.param("therapist", therapistId)
			.query((rs, n) -> found.put(rs.getObject(1, UUID.class), rs.getBoolean(2)))
			.list();
		return found;
	}

	/** Saves a draft's text if it is still at {@code version}; false otherwise. */
	boolean save(UUID noteId, int version, NoteTemplate template, Map<String, String> sections, Instant now) {
		return jdbc.sql("""
				update records_note set sections = :sections, template = :template, version = version + 1,
				  updated_at = :now
				where id = :id and version = :version and signed_at is null""")
			.param("sections", sections(sections))
			.param("template", template.name())
			.param("now", Timestamps.utc(now))
			.param("id", noteId)
			.param("version", version)
			.update() == 1;
	}

	/** Signs a draft still at {@code version}; false otherwise. */
	boolean sign(UUID noteId, int version, Note.Signature signature) {
		return jdbc.sql("""
				update records_note set signed_by = :by, signed_at = :at, signed_sha256 = :sha, version = version + 1
				where id = :id and version = :version and signed_at is null""")
			.param("by", signature.by())
			.param("at", Timestamps.utc(signature.at()))
			.param("sha", signature.sha256())
			.param("id", noteId)
			.param("version", version)
			.update() == 1;
	}

	void addendum(UUID noteId, Note.Addendum addendum) {
		jdbc.sql("""
				insert into records_note_addendum (id, note_id, text, signed_by, signed_at, signed_sha256)
				values (:id, :note, :text, :by, :at, :sha)""")
			.param("id", addendum.id())
			.param("note", noteId)
			.param("text", encryption.encrypt(addendum.text()))
			.param("by", addendum.signature().by())
			.param("at", Timestamps.utc(addendum.signature().at()))
			.param("sha", addendum.signature().sha256())
			.update();
	}

	List<Note.Addendum> addenda(UUID noteId) {
		return jdbc.sql("select * from records_note_addendum where note_id = :note order by signed_at, id")
			.param("note", noteId)
			.query((rs, n) -> new Note.Addendum(rs.getObject("id", UUID.class),
					encryption.decrypt(rs.getString("text")),
					new Note.Signature(rs.getObject("signed_by", UUID.class), instant(rs, "signed_at"),
							rs.getString("signed_sha256"))))
			.list();
	}

	private String sections(Map<String, String> sections) {
		return encryption.encrypt(JSON.writeValueAsString(sections));
	}

	private Note note(ResultSet rs, int n) throws SQLException {
		String location = rs.getString("location");
		Note.Signature signature = rs.getObject("signed_at") == null ? null : new Note.Signature(
				rs.getObject("signed_by", UUID.class), instant(rs, "signed_at"), rs.getString("signed_sha256"));
		return new Note(rs.getObject("id", UUID.class), rs.getObject("appointment_id", UUID.class),
				rs.getObject("client_id", UUID.class), rs.getObject("therapist_id", UUID.class),
				NoteTemplate.valueOf(rs.getString("template")), instant(rs, "session_start"),
				ZoneId.of(rs.getString("session_zone")), rs.getString("modality"), rs.getLong("duration_seconds"),
				location == null ? null : encryption.decrypt(location),
				JSON.readValue(encryption.decrypt(rs.getString("sections")), SECTIONS), rs.getInt("version"),
				instant(rs, "updated_at"), signature);
	}

	/** A note on a timeline: who wrote it, when it was signed (null: a draft). */
	record Line(UUID id, UUID therapistId, @Nullable Instant signedAt, Instant updatedAt) {
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}

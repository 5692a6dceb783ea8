package org.haven.records.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.identity.CurrentAccount;
import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Psychotherapy notes: the treating therapist's own working notes of a session, kept
 * apart from the record in a table of their own. Written and read by their author only:
 * never the client (404), never an admin, never an export, never anyone's timeline but
 * the author's.
 */
@Service
public class PsychotherapyNotes {

	static final int MAX_TEXT = 20_000;

	private final JdbcClient jdbc;

	private final SessionNotes notes;

	private final ChartAccess access;

	private final FieldEncryption encryption;

	private final Clock clock;

	PsychotherapyNotes(JdbcClient jdbc, SessionNotes notes, ChartAccess access, FieldEncryption encryption,
			Clock clock) {
		this.jdbc = jdbc;
		this.notes = notes;
		this.access = access;
		this.encryption = encryption;
		this.clock = clock;
	}

	/** Adds one to the session of a progress note the caller may write to. */
	@Transactional
	public UUID add(CurrentAccount me, UUID noteId, String raw) {
		SessionNotes.Reading reading = notes.read(me, noteId);
		if (!reading.writable()) {
			throw SessionNotes.notFound();
		}
		String text = TextChecks.field("psychotherapy", raw, MAX_TEXT, true);
		Refusal.when(text == null, "psychotherapy", "Write the psychotherapy note.");
		Note note = reading.note();
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into records_psychotherapy_note (id, appointment_id, client_id, therapist_id, text, created_at)
				values (:id, :appointment, :client, :therapist, :text, :now)""")
			.param("id", id)
			.param("appointment", note.appointmentId())
			.param("client", note.clientId())
			.param("therapist", me.id())
			.param("text", encryption.encrypt(text))
			.param("now", Timestamps.utc(clock.instant()))
			.update();
		return id;
	}

	/** One, for its author (audited); 404 for anyone else. */
	@Transactional
	public Entry read(CurrentAccount me, UUID id) {
		Entry entry = jdbc.sql("select * from records_psychotherapy_note where id = :id and therapist_id = :me")
			.param("id", id)
			.param("me", me.id())
			.query((rs, n) -> new Entry(rs.getObject("id", UUID.class), rs.getObject("appointment_id", UUID.class),
					rs.getObject("client_id", UUID.class), encryption.decrypt(rs.getString("text")),
					NoteStore.instant(rs, "created_at")))
			.optional()
			.orElseThrow(SessionNotes::notFound);
		ChartAccess.Reader reader = access.reader(me, entry.clientId())
			.filter(ChartAccess.Reader::isTherapist)
			.orElseThrow(SessionNotes::notFound);
		access.audit(reader, "PSYCHOTHERAPY_NOTE_READ", "psychotherapy-note:" + id);
		return entry;
	}

	/** The author's psychotherapy notes of one session, without their text. */
	@Transactional(readOnly = true)
	public List<Heading> ofSession(UUID therapistId, UUID appointmentId) {
		return headings("appointment_id = :of", therapistId, appointmentId);
	}

	/** The author's psychotherapy notes about one client, without their text. */
	@Transactional(readOnly = true)
	public List<Heading> ofClient(UUID therapistId, UUID clientId) {
		return headings("client_id = :of", therapistId, clientId);
	}

	private List<Heading> headings(String condition, UUID therapistId, UUID of) {
		return jdbc
			.sql("select id, created_at from records_psychotherapy_note where therapist_id = :me and " + condition
					+ " order by created_at")
			.param("me", therapistId)
			.param("of", of)
			.query((rs, n) -> new Heading(rs.getObject("id", UUID.class), NoteStore.instant(rs, "created_at")))
			.list();
	}

	public record Entry(UUID id, UUID appointmentId, UUID clientId, String text, Instant createdAt) {
	}

	public record Heading(UUID id, Instant createdAt) {
	}

}

package org.haven.records.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.care.CareRelationships;
import org.haven.identity.CurrentAccount;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.shared.text.TextChecks;
import org.haven.shared.web.Refusal;
import org.haven.visits.CheckInFacts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Progress notes, one per session: a draft opens when a visit ends (or when the therapist
 * starts one for a past session), is saved as the therapist types, and is signed once;
 * after that only addenda are added. Drafts are for their author only; the client reads
 * their signed notes; every read is audited through {@link ChartAccess}.
 */
@Service
public class SessionNotes {

	static final int MAX_SECTION = 20_000;

	static final int MAX_ADDENDUM = 20_000;

	private final NoteStore store;

	private final ChartAccess access;

	private final Appointments appointments;

	private final CheckInFacts checkIns;

	private final CareRelationships care;

	private final AuditTrail audit;

	private final Clock clock;

	SessionNotes(NoteStore store, ChartAccess access, Appointments appointments, CheckInFacts checkIns,
			CareRelationships care, AuditTrail audit, Clock clock) {
		this.care = care;
		this.store = store;
		this.access = access;
		this.appointments = appointments;
		this.checkIns = checkIns;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The draft of a session that just ended, unless the session has a note already or is
	 * no longer one the therapist writes for (cancelled, care ended).
	 */
	@Transactional
	public Optional<UUID> openAfterVisit(UUID appointmentId, long durationSeconds) {
		return appointments.find(appointmentId)
			.filter(session -> !session.cancelled())
			.filter(session -> care.active(session.clientId(), session.therapistId()).isPresent())
			.map(session -> store.forAppointment(appointmentId)
				.orElseGet(() -> open(session, NoteTemplate.SOAP, durationSeconds)));
	}

	/**
	 * The past session of a client in the therapist's active care that a note may be
	 * started for: 404 for any other.
	 */
	@Transactional(readOnly = true)
	public AppointmentDetails startable(CurrentAccount me, UUID appointmentId) {
		return appointments.find(appointmentId)
			.filter(session -> session.therapistId().equals(me.id()) && !session.cancelled())
			.filter(session -> !session.end().isAfter(clock.instant()))
			.filter(session -> access.writer(me, session.clientId()).isPresent())
			.orElseThrow(SessionNotes::notFound);
	}

	@Transactional(readOnly = true)
	public Optional<UUID> noteOf(UUID appointmentId) {
		return store.forAppointment(appointmentId);
	}

	/** Starts the note of a past session (or finds the one it has). */
	@Transactional
	public UUID start(CurrentAccount me, UUID appointmentId, String rawTemplate) {
		AppointmentDetails session = startable(me, appointmentId);
		Optional<UUID> existing = store.forAppointment(appointmentId);
		if (existing.isPresent()) {
			return existing.get();
		}
		NoteTemplate template = template(rawTemplate);
		return open(session, template, Duration.between(session.start(), session.end()).toSeconds());
	}

	/**
	 * The note as this account may read it, audited; 404 for a draft to anyone but its
	 * author, and for a note to anyone who may not read the client's record.
	 */
	@Transactional
	public Reading read(CurrentAccount me, UUID noteId) {
		Note note = store.find(noteId).orElseThrow(SessionNotes::notFound);
		ChartAccess.Reader reader = access.reader(me, note.clientId())
			.filter(r -> note.signed() || isAuthor(r, note))
			.orElseThrow(SessionNotes::notFound);
		access.audit(reader, "NOTE_READ", "note:" + noteId);
		boolean writable = isAuthor(reader, note) && access.writer(me, note.clientId()).isPresent();
		return new Reading(note, store.addenda(noteId), reader, writable);
	}

	/**
	 * Saves the draft's text (and its template, while it is empty) if nobody saved since
	 * {@code version}; 409 otherwise, and for a signed note.
	 */
	@Transactional
	public Saved save(CurrentAccount me, UUID noteId, int version, String rawTemplate, Map<String, String> raw) {
		Note note = writable(me, noteId);
		NoteTemplate template = rawTemplate == null || rawTemplate.isBlank() ? note.template() : template(rawTemplate);
		Refusal.when(template != note.template() && !note.blank(), "template",
				"Keep the template of a note you have started writing; clear its sections first to change it.");
		Map<String, String> sections = sections(template, raw);
		Instant now = clock.instant();
		if (!store.save(noteId, version, template, sections, now)) {
			throw stale();
		}
		audit.record(AuditTrail.account(me.id()), "NOTE_SAVED", "note:" + noteId);
		return new Saved(noteId, version + 1, now);
	}

	/** Signs the note as it is at {@code version}: locked for ever after. */
	@Transactional
	public Note.Signature sign(CurrentAccount me, UUID noteId, int version) {
		Note note = writable(me, noteId);
		if (note.version() != version) {
			throw stale();
		}
		Refusal.when(note.blank(), "note", "Write the note before you sign it: every section is empty.");
		Note.Signature signature = new Note.Signature(me.id(), clock.instant(),
				Signatures.sha256(Signatures.canonical(note.template(), note.sections())));
		if (!store.sign(noteId, version, signature)) {
			throw stale();
		}
		audit.record(AuditTrail.account(me.id()), "NOTE_SIGNED", "note:" + noteId, "sha256=" + signature.sha256());
		return signature;
	}

	/** Adds a signed addendum to a signed note. */
	@Transactional
	public Note.Addendum addendum(CurrentAccount me, UUID noteId, String raw) {
		Note note = store.find(noteId).orElseThrow(SessionNotes::notFound);
		author(me, note);
		if (!note.signed()) {
			throw Refusal.of("addendum", "An addendum is added to a signed note: this note is still a draft, edit it.")
				.status(HttpStatus.CONFLICT);
		}
		String text = TextChecks.field("addendum", raw, MAX_ADDENDUM, true);
		Refusal.when(text == null, "addendum", "Write the addendum.");
		Note.Addendum addendum = new Note.Addendum(UUID.randomUUID(), text,
				new Note.Signature(me.id(), clock.instant(), Signatures.sha256(text)));
		store.addendum(noteId, addendum);
		audit.record(AuditTrail.account(me.id()), "NOTE_ADDENDUM_SIGNED", "note:" + noteId,
				"sha256=" + addendum.signature().sha256());
		return addendum;
	}

	private UUID open(AppointmentDetails session, NoteTemplate template, long durationSeconds) {
		Optional<String> location = checkIns.locationAt(session.id(), session.therapistId());
		UUID id = store.draft(session, template, durationSeconds, location, clock.instant());
		audit.record(AuditTrail.account(session.therapistId()), "NOTE_DRAFT_OPENED", "note:" + id);
		return id;
	}

	/** The draft, for its author in active care: 404 for anyone else, 409 once signed. */
	private Note writable(CurrentAccount me, UUID noteId) {
		Note note = store.find(noteId).orElseThrow(SessionNotes::notFound);
		author(me, note);
		if (note.signed()) {
			throw Refusal.of("note", "This note is signed and can no longer be changed. Add an addendum instead.")
				.status(HttpStatus.CONFLICT);
		}
		return note;
	}

	private void author(CurrentAccount me, Note note) {
		if (!me.id().equals(note.therapistId()) || access.writer(me, note.clientId()).isEmpty()) {
			throw notFound();
		}
	}

	private static boolean isAuthor(ChartAccess.Reader reader, Note note) {
		return reader.isTherapist() && reader.accountId().equals(note.therapistId());
	}

	private static Map<String, String> sections(NoteTemplate template, Map<String, String> raw) {
		Map<String, String> sections = new LinkedHashMap<>();
		for (NoteTemplate.Section section : template.sections()) {
			String text = TextChecks.field(section.key(), raw.get(section.key()), MAX_SECTION, true);
			sections.put(section.key(), text == null ? "" : text);
		}
		return sections;
	}

	private static NoteTemplate template(String raw) {
		return NoteTemplate.parse(raw).orElseThrow(() -> Refusal.of("template", "Choose a template for the note."));
	}

	static Refusal stale() {
		return Refusal
			.of("version",
					"This note was saved elsewhere (another tab or device) since you opened it, so nothing was"
							+ " saved here. Copy what you wrote, reload the note and add it again.")
			.status(HttpStatus.CONFLICT);
	}

	public static Refusal notFound() {
		return Refusal.of("note", "There is no such note.").status(HttpStatus.NOT_FOUND);
	}

	/**
	 * A note as one reader may see it.
	 *
	 * @param writable whether the reader may change it (its draft) or add addenda
	 */
	public record Reading(Note note, List<Note.Addendum> addenda, ChartAccess.Reader reader, boolean writable) {
	}

	/** A saved draft: the version the next save names. */
	public record Saved(UUID id, int version, Instant savedAt) {
	}

}

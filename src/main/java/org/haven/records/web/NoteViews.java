package org.haven.records.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.directory.Modality;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.records.internal.DocumentationStatus.Undocumented;
import org.haven.records.internal.Note;
import org.haven.records.internal.NoteTemplate;
import org.haven.records.internal.SessionNotes.Reading;
import org.haven.scheduling.AppointmentDetails;
import org.haven.scheduling.Appointments;
import org.haven.shared.time.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Notes in the words pages use: dates in the session's zone, modalities and lengths in
 * words.
 */
@Component
class NoteViews {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm",
			Locale.ENGLISH);

	private final Accounts accounts;

	private final Appointments appointments;

	NoteViews(Accounts accounts, Appointments appointments) {
		this.accounts = accounts;
		this.appointments = appointments;
	}

	ZoneId zoneOf(UUID appointmentId) {
		return appointments.find(appointmentId).map(AppointmentDetails::therapistZone).orElse(ZoneOffset.UTC);
	}

	static String dayAndTime(Instant at, ZoneId zone) {
		return DAY_AND_TIME.format(at.atZone(zone));
	}

	/** The note, with what was typed (a refused form) in place of the stored text. */
	NoteView note(Reading reading, @Nullable Map<String, String> typed) {
		Note note = reading.note();
		List<SectionView> sections = note.written()
			.stream()
			.map(w -> new SectionView(w.section().key(), w.section().title(), w.section().prompt(),
					typed != null && typed.containsKey(w.section().key()) ? typed.get(w.section().key()) : w.text()))
			.toList();
		return new NoteView(note.id(), name(note.clientId()), day(note.sessionStart(), note.sessionZone()),
				modality(note.modality()), duration(note.durationSeconds()), note.location(), note.template(), sections,
				note.version(), signature(note.signature(), note.sessionZone()),
				reading.addenda()
					.stream()
					.map(a -> new AddendumView(a.text(), signature(a.signature(), note.sessionZone())))
					.toList(),
				reading.writable() && !note.signed(), reading.writable() && note.signed(), note.blank());
	}

	SessionView session(AppointmentDetails session, @Nullable UUID draft) {
		return new SessionView(session.id(), draft, name(session.clientId()),
				DAY_AND_TIME.format(session.start().atZone(session.therapistZone())),
				modality(session.modality().name()));
	}

	List<SessionView> sessions(List<Undocumented> undocumented) {
		return undocumented.stream().map(u -> session(u.session(), u.draft().orElse(null))).toList();
	}

	String name(UUID accountId) {
		return accounts.find(accountId).map(AccountSummary::displayName).orElse("(unknown)");
	}

	static String day(Instant at, ZoneId zone) {
		return DAY.format(at.atZone(zone));
	}

	static String modality(String name) {
		return Modality.parse(name).map(m -> m.label().replace("sessions", "session")).orElse(name);
	}

	static String duration(long seconds) {
		Duration length = Duration.ofSeconds(seconds);
		long hours = length.toHours();
		long minutes = length.toMinutesPart();
		String inMinutes = minutes == 1 ? "1 minute" : minutes + " minutes";
		if (hours == 0) {
			return seconds < 60 ? "under a minute" : inMinutes;
		}
		return (hours == 1 ? "1 hour" : hours + " hours") + (minutes == 0 ? "" : " " + inMinutes);
	}

	private @Nullable SignatureView signature(Note.@Nullable Signature signature, ZoneId zone) {
		return signature == null ? null : new SignatureView(name(signature.by()),
				DAY_AND_TIME.format(signature.at().atZone(zone)), Timestamps.html(signature.at()), signature.sha256());
	}

	/**
	 * @param editable a draft its author may change
	 * @param amendable a signed note its author may add addenda to
	 */
	record NoteView(UUID id, String clientName, String sessionDay, String modality, String duration,
			@Nullable String location, NoteTemplate template, List<SectionView> sections, int version,
			@Nullable SignatureView signature, List<AddendumView> addenda, boolean editable, boolean amendable,
			boolean blank) {
	}

	record SectionView(String key, String title, String prompt, String text) {
	}

	record SignatureView(String by, String at, String datetime, String sha256) {
	}

	record AddendumView(String text, SignatureView signature) {
	}

	/** A session without a signed note. */
	record SessionView(UUID appointmentId, @Nullable UUID draft, String clientName, String when, String modality) {
	}

}

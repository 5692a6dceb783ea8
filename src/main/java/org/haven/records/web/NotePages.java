package org.haven.records.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.DocumentationStatus;
import org.haven.records.internal.NoteTemplate;
import org.haven.records.internal.PsychotherapyNotes;
import org.haven.records.internal.SessionNotes;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.OnRefusal;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The note pages: starting a note for a past session, the note itself (its draft saved as
 * the therapist types, by static/js/notes.js, or with Save draft), signing, addenda,
 * psychotherapy notes, and the sessions still without a signed note.
 */
@Controller
class NotePages {

	private final SessionNotes notes;

	private final PsychotherapyNotes psychotherapy;

	private final DocumentationStatus status;

	private final NoteViews views;

	NotePages(SessionNotes notes, PsychotherapyNotes psychotherapy, DocumentationStatus status, NoteViews views) {
		this.notes = notes;
		this.psychotherapy = psychotherapy;
		this.status = status;
		this.views = views;
	}

	@GetMapping("/records/notes/status")
	String status(@AuthenticationPrincipal CurrentAccount me, Model model) {
		model.addAttribute("sessions", views.sessions(status.undocumented(me.id())));
		return "records/notes-status";
	}

	@GetMapping("/records/notes/new/{id}")
	String startForm(@AuthenticationPrincipal CurrentAccount me, @PathVariable("id") UUID appointmentId, Model model) {
		var session = notes.startable(me, appointmentId);
		var existing = notes.noteOf(appointmentId);
		if (existing.isPresent()) {
			return "redirect:/records/notes/" + existing.get();
		}
		model.addAttribute("appointment", views.session(session, null));
		model.addAttribute("templates", NoteTemplate.values());
		model.addAttribute("duration",
				NoteViews.duration(session.end().getEpochSecond() - session.start().getEpochSecond()));
		model.addAttribute("chosen", model.getAttribute("chosen") instanceof String typed ? typed : "SOAP");
		return "records/note-new";
	}

	@PostMapping("/records/notes/new/{id}")
	@OnRefusal(show = "startForm")
	String start(@AuthenticationPrincipal CurrentAccount me, @PathVariable("id") UUID appointmentId,
			@RequestParam(defaultValue = "") String template, Model model) {
		model.addAttribute("chosen", template);
		return "redirect:/records/notes/" + notes.start(me, appointmentId, template);
	}

	@GetMapping("/records/notes/{id}")
	String note(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model,
			HttpServletResponse response) {
		SessionNotes.Reading reading = notes.read(me, id);
		if (model.getAttribute(OnRefusal.REFUSAL) instanceof Refusal refused
				&& refused.status() == HttpStatus.CONFLICT) {
			// A signed note or a stale save: refused as the API refuses it, the text
			// kept.
			response.setStatus(HttpStatus.CONFLICT.value());
		}
		@SuppressWarnings("unchecked")
		Map<String, String> typed = model.getAttribute("typed") instanceof Map<?, ?> map ? (Map<String, String>) map
				: null;
		model.addAttribute("note", views.note(reading, typed));
		model.addAttribute("templates", NoteTemplate.values());
		model.addAttribute("psychotherapy",
				reading.writable() ? psychotherapy.ofSession(me.id(), reading.note().appointmentId()) : List.of());
		return "records/note";
	}

	@PostMapping("/records/notes/{id}")
	@OnRefusal(show = "note")
	String save(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam Map<String, String> form, Model model) {
		Map<String, String> typed = typed(form, model);
		notes.save(me, id, version(form), form.get("template"), typed);
		return "redirect:/records/notes/" + id + "?saved";
	}

	@PostMapping("/records/notes/{id}/sign")
	@OnRefusal(show = "note")
	String sign(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam Map<String, String> form, Model model) {
		Map<String, String> typed = typed(form, model);
		SessionNotes.Saved saved = notes.save(me, id, version(form), form.get("template"), typed);
		notes.sign(me, id, saved.version());
		return "redirect:/records/notes/" + id + "?signed";
	}

	@PostMapping("/records/notes/{id}/addenda")
	@OnRefusal(show = "note")
	String addendum(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String addendum, Model model) {
		model.addAttribute("addendum", addendum);
		notes.addendum(me, id, addendum);
		return "redirect:/records/notes/" + id + "?addendum";
	}

	@PostMapping("/records/notes/{id}/psychotherapy")
	@OnRefusal(show = "note")
	String psychotherapy(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String psychotherapy, Model model) {
		model.addAttribute("psychotherapyText", psychotherapy);
		UUID kept = this.psychotherapy.add(me, id, psychotherapy);
		return "redirect:/records/notes/psychotherapy/" + kept;
	}

	@GetMapping("/records/notes/psychotherapy/{id}")
	String psychotherapyNote(@AuthenticationPrincipal CurrentAccount me, @PathVariable UUID id, Model model) {
		PsychotherapyNotes.Entry entry = psychotherapy.read(me, id);
		model.addAttribute("entry", entry);
		model.addAttribute("written", NoteViews.dayAndTime(entry.createdAt(), views.zoneOf(entry.appointmentId())));
		model.addAttribute("writtenDatetime", Timestamps.html(entry.createdAt()));
		model.addAttribute("clientName", views.name(entry.clientId()));
		model.addAttribute("note", notes.noteOf(entry.appointmentId()).orElse(null));
		return "records/psychotherapy-note";
	}

	/** What was typed, kept in the model so that a refused form shows it again. */
	private static Map<String, String> typed(Map<String, String> form, Model model) {
		Map<String, String> typed = new LinkedHashMap<>(form);
		typed.remove("_csrf");
		model.addAttribute("typed", typed);
		return typed;
	}

	private static int version(Map<String, String> form) {
		try {
			return Integer.parseInt(form.getOrDefault("version", ""));
		}
		catch (NumberFormatException ex) {
			throw Refusal.of("version", "Reload the note: the form lost which version it was.");
		}
	}

}

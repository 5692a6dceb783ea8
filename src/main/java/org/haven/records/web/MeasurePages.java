package org.haven.records.web;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.identity.CurrentAccount;
import org.haven.records.internal.Assignments.Due;
import org.haven.records.internal.ChartAccess;
import org.haven.records.internal.ChartAccess.Reader;
import org.haven.records.internal.Instrument;
import org.haven.records.internal.Results;
import org.haven.records.internal.Results.Score;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the measures' pages and API share: who may read or write a client's measures
 * (anyone else gets "not found"), the answers a form sent, and the progress charts.
 */
@Component
class MeasurePages {

	static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private final ChartAccess access;

	private final Results results;

	private final Clock clock;

	MeasurePages(ChartAccess access, Results results, Clock clock) {
		this.access = access;
		this.results = results;
		this.clock = clock;
	}

	Reader reader(CurrentAccount account, UUID clientId) {
		return access.reader(account, clientId).orElseThrow(MeasurePages::notFound);
	}

	Reader writer(CurrentAccount account, UUID clientId) {
		return access.writer(account, clientId).orElseThrow(MeasurePages::notFound);
	}

	/** The writer, or null when the account may only read. */
	Reader writerOrNull(CurrentAccount account, UUID clientId) {
		return access.writer(account, clientId).orElse(null);
	}

	static Refusal notFound() {
		return Refusal.of("client", "No such page.").status(HttpStatus.NOT_FOUND);
	}

	/** One chart per measure the client has completed, PHQ-9 first. */
	List<ProgressChart> charts(Reader reader) {
		List<Score> scores = results.scores(reader);
		List<ProgressChart> charts = new ArrayList<>();
		for (Instrument instrument : Instrument.values()) {
			List<Score> own = scores.stream().filter(s -> s.instrument() == instrument).toList();
			if (!own.isEmpty()) {
				charts.add(ProgressChart.of(instrument, own, clock.getZone()));
			}
		}
		return charts;
	}

	/** The questionnaires due, as the due list shows them. */
	List<DueItem> dueItems(List<Due> due) {
		return due.stream()
			.map(d -> new DueItem(d.assignment().id(), d.assignment().instrument().label(),
					d.before() == null ? null : Timestamps.html(d.before()),
					d.before() == null ? null : DAY.format(d.before().atZone(clock.getZone()))))
			.toList();
	}

	/** The answers a form sent, item by item ({@code item1} ...), in order. */
	static List<String> answers(Instrument instrument, Map<String, String> form) {
		List<String> answers = new ArrayList<>();
		for (int i = 1; i <= instrument.items().size(); i++) {
			answers.add(form.get("item" + i));
		}
		return answers;
	}

	/**
	 * Puts a questionnaire form in the model: the instrument, what was chosen so far and
	 * the submission key, kept when the form is shown again.
	 */
	static void form(Model model, Instrument instrument, String action, Map<String, String> chosen) {
		model.addAttribute("instrument", instrument);
		model.addAttribute("action", action);
		model.addAttribute("scale", Instrument.SCALE);
		model.addAttribute("difficultyQuestion", Instrument.DIFFICULTY_QUESTION);
		model.addAttribute("difficulties", Instrument.DIFFICULTY);
		model.addAttribute("stem", Instrument.STEM);
		if (!model.containsAttribute("chosen")) {
			model.addAttribute("chosen", chosen);
		}
		if (!model.containsAttribute("submissionKey")) {
			model.addAttribute("submissionKey", UUID.randomUUID().toString());
		}
	}

	/**
	 * A questionnaire due, for the due list.
	 *
	 * @param before when the session it is asked for starts, for {@code <time>}, or null
	 */
	record DueItem(UUID id, String label, String before, String beforeDay) {
	}

	/** What a refused form keeps: the answers (digits only) and its key. */
	static void keep(Model model, Map<String, String> form) {
		Map<String, String> chosen = new HashMap<>();
		form.forEach((name, value) -> {
			if (name.matches("item[0-9]{1,2}|difficulty") && value != null && value.matches("[0-3]")) {
				chosen.put(name, value);
			}
		});
		model.addAttribute("chosen", chosen);
		String key = form.getOrDefault("submissionKey", "");
		model.addAttribute("submissionKey", key.matches("[0-9a-fA-F-]{36}") ? key : UUID.randomUUID().toString());
	}

}

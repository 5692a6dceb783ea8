package org.haven.records.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ways a progress note is written: each template is its named sections, in order,
 * with a short prompt for each.
 */
public enum NoteTemplate {

	SOAP("SOAP (subjective, objective, assessment, plan)", List.of(
			new Section("subjective", "Subjective",
					"What the client reported: concerns, mood, events since the last session."),
			new Section("objective", "Objective", "What you observed: presentation, affect, behaviour, measures."),
			new Section("assessment", "Assessment", "Your clinical view: progress, risk, working formulation."),
			new Section("plan", "Plan", "Next steps: interventions, homework, the next session."))),

	DAP("DAP (data, assessment, plan)",
			List.of(new Section("data", "Data", "What was said and observed in the session."),
					new Section("assessment", "Assessment", "Your interpretation: progress, risk, formulation."),
					new Section("plan", "Plan", "Next steps: interventions, homework, the next session."))),

	BIRP("BIRP (behaviour, intervention, response, plan)",
			List.of(new Section("behavior", "Behaviour", "The client's presentation and what they reported."),
					new Section("intervention", "Intervention", "What you did: methods and techniques used."),
					new Section("response", "Response", "How the client responded to the intervention."),
					new Section("plan", "Plan", "Next steps: interventions, homework, the next session."))),

	FREE("Free text", List.of(new Section("note", "Note", "The session in your own words.")));

	private final String label;

	private final List<Section> sections;

	NoteTemplate(String label, List<Section> sections) {
		this.label = label;
		this.sections = sections;
	}

	public String label() {
		return label;
	}

	public List<Section> sections() {
		return sections;
	}

	public static Optional<NoteTemplate> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * One section of a template.
	 *
	 * @param key the name of its form field and of its text in the stored note
	 */
	public record Section(String key, String title, String prompt) {
	}

}

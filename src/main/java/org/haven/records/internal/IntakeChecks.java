package org.haven.records.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.haven.shared.text.TextChecks;
import org.haven.shared.web.Refusal;

import tools.jackson.databind.json.JsonMapper;

/**
 * The rules of the intake questionnaire's answers. Every save checks what is written
 * (length, no hidden characters, yes or no where asked), so that a half-filled
 * questionnaire is kept as it is; submitting also wants every required answer, and names
 * each one missing.
 */
final class IntakeChecks {

	private static final List<Question> QUESTIONS = List.of(
			new Question("preferredName", 200, false, "Enter the name you would like to be called."),
			new Question("pronouns", 100, false, null),
			new Question("dateOfBirth", 10, false, "Enter your date of birth."),
			new Question("genderIdentity", 200, false, null), new Question("occupation", 200, false, null),
			new Question("concerns", 4000, true, "Tell your therapist what you would like help with."),
			new Question("previousTherapy", 4000, true, null), new Question("medicalConditions", 4000, true, null),
			new Question("medication", 4000, true, null),
			new Question("harmSelf", 3, false,
					"Answer whether you have had thoughts of harming yourself in the past month."),
			new Question("harmSelfDetails", 4000, true, null),
			new Question("harmOthers", 3, false,
					"Answer whether you have had thoughts of harming someone else in the past month."),
			new Question("harmOthersDetails", 4000, true, null),
			new Question("emergencyName", 200, false, "Enter the name of your emergency contact."),
			new Question("emergencyPhone", 40, false, "Enter your emergency contact's phone number."),
			new Question("emergencyRelationship", 100, false, null));

	private IntakeChecks() {
	}

	/**
	 * The answers trimmed, with nothing written as null; refused at the first answer too
	 * long, with hidden characters, or neither yes nor no where that is asked.
	 */
	static IntakeAnswers cleaned(IntakeAnswers answers, JsonMapper json) {
		Map<String, String> typed = values(answers, json);
		Map<String, String> cleaned = new LinkedHashMap<>();
		for (Question question : QUESTIONS) {
			String value = TextChecks.field(question.name(), typed.get(question.name()), question.max(),
					question.multiline());
			cleaned.put(question.name(), value);
		}
		yesOrNo("harmSelf", cleaned.get("harmSelf"));
		yesOrNo("harmOthers", cleaned.get("harmOthers"));
		return json.convertValue(cleaned, IntakeAnswers.class);
	}

	/**
	 * Refuses a questionnaire to be submitted with a message for every answer missing.
	 */
	static void complete(IntakeAnswers answers, JsonMapper json, Clock clock) {
		Map<String, String> values = values(answers, json);
		Map<String, String> errors = new LinkedHashMap<>();
		for (Question question : QUESTIONS) {
			if (question.missing() != null && values.get(question.name()) == null) {
				errors.put(question.name(), question.missing());
			}
		}
		if (values.get("dateOfBirth") != null && !pastDate(values.get("dateOfBirth"), clock)) {
			errors.put("dateOfBirth", "Enter your date of birth as a date in the past, like 1990-04-21.");
		}
		if ("yes".equals(answers.harmSelf()) && answers.harmSelfDetails() == null) {
			errors.put("harmSelfDetails", "Tell your therapist a little about these thoughts.");
		}
		if ("yes".equals(answers.harmOthers()) && answers.harmOthersDetails() == null) {
			errors.put("harmOthersDetails", "Tell your therapist a little about these thoughts.");
		}
		if (!errors.isEmpty()) {
			throw Refusal.of(errors);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> values(IntakeAnswers answers, JsonMapper json) {
		return json.convertValue(answers, Map.class);
	}

	private static void yesOrNo(String field, String value) {
		Refusal.when(value != null && !value.equals("yes") && !value.equals("no"), field, "Answer yes or no.");
	}

	private static boolean pastDate(String value, Clock clock) {
		try {
			LocalDate date = LocalDate.parse(value);
			return date.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC))) && date.getYear() > 1900;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/**
	 * @param missing the message when a submitted questionnaire lacks it; null for an
	 * optional question
	 */
	private record Question(String name, int max, boolean multiline, String missing) {
	}

}

package org.haven.records.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.haven.shared.web.Refusal;

/**
 * A complete set of answers to one measure: every item answered on its 0 to 3 scale, and
 * the PHQ-9's difficulty question answered or left out. Stored as one encrypted line.
 *
 * @param difficulty 0 to 3, or null when not answered
 */
public record Answers(Instrument instrument, List<Integer> items, Integer difficulty) {

	/**
	 * Checks answers as a form or the API sends them (item {@code i} is the field
	 * {@code item<i+1>}), refusing every missing or unknown answer at its own field.
	 */
	public static Answers check(Instrument instrument, List<String> raw, String difficulty) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<Integer> items = new ArrayList<>();
		for (int i = 0; i < instrument.items().size(); i++) {
			Integer answer = answer(i < raw.size() ? raw.get(i) : null, Instrument.SCALE.size());
			if (answer == null) {
				errors.put("item" + (i + 1), "Choose an answer for question " + (i + 1) + ".");
			}
			items.add(answer);
		}
		Integer hard = null;
		if (difficulty != null && !difficulty.isBlank()) {
			hard = instrument.asksDifficulty() ? answer(difficulty, Instrument.DIFFICULTY.size()) : null;
			if (hard == null) {
				errors.put("difficulty", "Choose one of the answers for how difficult, or none.");
			}
		}
		if (!errors.isEmpty()) {
			throw Refusal.of(errors);
		}
		return new Answers(instrument, List.copyOf(items), hard);
	}

	private static Integer answer(String raw, int choices) {
		if (raw == null || !raw.strip().matches("[0-9]")) {
			return null;
		}
		int answer = Integer.parseInt(raw.strip());
		return answer < choices ? answer : null;
	}

	public int total() {
		return instrument.score(items);
	}

	public boolean raisesRisk() {
		return instrument.raisesRisk(items);
	}

	/** The stored form, before encryption: {@code 1,0,2,3,0,0,1,0,1;2}. */
	String line() {
		return items.stream().map(String::valueOf).collect(Collectors.joining(","))
				+ (difficulty == null ? "" : ";" + difficulty);
	}

	static Answers parse(Instrument instrument, String line) {
		String[] parts = line.split(";", -1);
		List<Integer> items = Arrays.stream(parts[0].split(",")).map(Integer::valueOf).toList();
		return new Answers(instrument, items, parts.length > 1 ? Integer.valueOf(parts[1]) : null);
	}

}

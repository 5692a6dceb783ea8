package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fixed words profiles and searches use, so that "anxiety" on a profile and in a
 * search always match. Keys are stored; labels are shown.
 */
public final class Vocabulary {

	public static final Map<String, String> SPECIALTIES = ordered("anxiety", "Anxiety", "depression", "Depression",
			"trauma", "Trauma and PTSD", "grief", "Grief and loss", "relationships", "Relationships", "family",
			"Family", "addiction", "Addiction", "eating", "Eating disorders", "lgbtq", "LGBTQ+ affirming care",
			"stress", "Stress and burnout", "ocd", "OCD", "adhd", "ADHD", "chronic-illness", "Chronic illness and pain",
			"perinatal", "Perinatal and postpartum");

	public static final Map<String, String> APPROACHES = ordered("cbt", "Cognitive behavioural therapy (CBT)", "dbt",
			"Dialectical behaviour therapy (DBT)", "act", "Acceptance and commitment therapy (ACT)", "emdr", "EMDR",
			"psychodynamic", "Psychodynamic", "person-centred", "Person-centred", "solution-focused",
			"Solution-focused", "family-systems", "Family systems", "mindfulness", "Mindfulness-based", "narrative",
			"Narrative therapy");

	/** ISO 639 language codes with their English names, sorted by name. */
	public static final Map<String, String> LANGUAGES = languages();

	private Vocabulary() {
	}

	private static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

	private static Map<String, String> languages() {
		Map<String, String> byName = new TreeMap<>();
		for (String code : Locale.getISOLanguages()) {
			String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
			if (!name.isBlank() && !name.equals(code)) {
				byName.put(name, code);
			}
		}
		Map<String, String> byCode = new LinkedHashMap<>();
		byName.forEach((name, code) -> byCode.put(code, name));
		return Collections.unmodifiableMap(byCode);
	}

	static Set<String> check(String field, List<String> values, Map<String, String> allowed, String what) {
		if (values == null) {
			return Set.of();
		}
		for (String value : values) {
			if (!allowed.containsKey(value)) {
				throw Refusal.of(field, "Unknown " + what + ": choose from the list.");
			}
		}
		return values.stream().collect(Collectors.toCollection(TreeSet::new));
	}

	public static String label(Map<String, String> vocabulary, String key) {
		return vocabulary.getOrDefault(key, key);
	}

	static List<String> keys(Map<String, String> vocabulary) {
		return Arrays.asList(vocabulary.keySet().toArray(String[]::new));
	}

}

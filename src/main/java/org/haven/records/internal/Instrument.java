package org.haven.records.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.haven.shared.web.Refusal;

/**
 * The outcome measures Haven offers, with their published wording and answer scale.
 *
 * <p>
 * PHQ-9: Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression
 * severity measure. J Gen Intern Med 2001;16(9):606-613. GAD-7: Spitzer RL, Kroenke K,
 * Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the
 * GAD-7. Arch Intern Med 2006;166(10):1092-1097. Both were developed by Drs. Robert L.
 * Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant
 * from Pfizer Inc.; no permission is required to reproduce, translate, display or
 * distribute them. The wording below is the published English wording, unchanged: clients
 * must read exactly what the scores were validated on.
 *
 * <p>
 * Severity bands are the authors'. Caseness and reliable change are the NHS Talking
 * Therapies' ({@link Change}).
 */
public enum Instrument {

	PHQ9("PHQ-9", "Patient Health Questionnaire (PHQ-9)", List.of("Little interest or pleasure in doing things",
			"Feeling down, depressed, or hopeless", "Trouble falling or staying asleep, or sleeping too much",
			"Feeling tired or having little energy", "Poor appetite or overeating",
			"Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
			"Trouble concentrating on things, such as reading the newspaper or watching television",
			"Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so fidgety"
					+ " or restless that you have been moving around a lot more than usual",
			"Thoughts that you would be better off dead or of hurting yourself in some way"),
			List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9), new Band("moderate", 10, 14),
					new Band("moderately severe", 15, 19), new Band("severe", 20, 27)),
			10, 6, 8),

	GAD7("GAD-7", "Generalized Anxiety Disorder scale (GAD-7)",
			List.of("Feeling nervous, anxious or on edge", "Not being able to stop or control worrying",
					"Worrying too much about different things", "Trouble relaxing",
					"Being so restless that it is hard to sit still", "Becoming easily annoyed or irritable",
					"Feeling afraid as if something awful might happen"),
			List.of(new Band("minimal", 0, 4), new Band("mild", 5, 9), new Band("moderate", 10, 14),
					new Band("severe", 15, 21)),
			8, 4, -1);

	/** The stem both questionnaires open with. */
	public static final String STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

	/** The answer scale of every item, in order: the index is the item's score. */
	public static final List<String> SCALE = List.of("Not at all", "Several days", "More than half the days",
			"Nearly every day");

	/** The PHQ-9's closing question: asked, never scored. */
	public static final String DIFFICULTY_QUESTION = "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?";

	/** The answers to {@link #DIFFICULTY_QUESTION}, in order. */
	public static final List<String> DIFFICULTY = List.of("Not difficult at all", "Somewhat difficult",
			"Very difficult", "Extremely difficult");

	private final String label;

	private final String title;

	private final List<String> items;

	private final List<Band> bands;

	private final int caseness;

	private final int reliableChange;

	private final int riskItem;

	Instrument(String label, String title, List<String> items, List<Band> bands, int caseness, int reliableChange,
			int riskItem) {
		this.label = label;
		this.title = title;
		this.items = items;
		this.bands = bands;
		this.caseness = caseness;
		this.reliableChange = reliableChange;
		this.riskItem = riskItem;
	}

	/** The name people know it by: {@code PHQ-9}. */
	/** The LOINC code of the instrument's panel (PHQ-9 44249-1, GAD-7 69737-5). */
	public String panelCode() {
		return this == PHQ9 ? "44249-1" : "69737-5";
	}

	/** The LOINC code of its total score (PHQ-9 44261-6, GAD-7 70274-6). */
	public String totalCode() {
		return this == PHQ9 ? "44261-6" : "70274-6";
	}

	public String label() {
		return label;
	}

	public String title() {
		return title;
	}

	public List<String> items() {
		return items;
	}

	public List<Band> bands() {
		return bands;
	}

	/** The lowest score that counts as a clinical case (NHS Talking Therapies). */
	public int caseness() {
		return caseness;
	}

	/** The least change in score that is reliable (NHS Talking Therapies). */
	public int reliableChange() {
		return reliableChange;
	}

	public int maxScore() {
		return items.size() * (SCALE.size() - 1);
	}

	/** Whether the PHQ-9's closing difficulty question is asked. */
	public boolean asksDifficulty() {
		return this == PHQ9;
	}

	/**
	 * The total of a complete set of answers, each 0 to 3.
	 * @throws IllegalArgumentException for a set of the wrong length or an answer out of
	 * the scale: callers check answers first ({@link Answers})
	 */
	public int score(List<Integer> answers) {
		if (answers.size() != items.size()) {
			throw new IllegalArgumentException(label + " has " + items.size() + " items");
		}
		int total = 0;
		for (int answer : answers) {
			if (answer < 0 || answer >= SCALE.size()) {
				throw new IllegalArgumentException("An answer is 0 to 3");
			}
			total += answer;
		}
		return total;
	}

	/** The severity band a total falls in. */
	public Band band(int total) {
		return bands.stream()
			.filter(band -> band.contains(total))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(label + " scores 0 to " + maxScore()));
	}

	/**
	 * Whether the answers raise a risk: any answer above "Not at all" on the PHQ-9's
	 * ninth item (thoughts of being better off dead or of self-harm).
	 */
	public boolean raisesRisk(List<Integer> answers) {
		return riskItem >= 0 && answers.get(riskItem) > 0;
	}

	public boolean atCaseness(int total) {
		return total >= caseness;
	}

	/**
	 * The instrument for a code as forms and the API send it ({@code PHQ9},
	 * {@code phq-9}).
	 */
	public static Optional<Instrument> of(String code) {
		String plain = code == null ? "" : code.replace("-", "").strip().toUpperCase(Locale.ROOT);
		for (Instrument instrument : values()) {
			if (instrument.name().equals(plain)) {
				return Optional.of(instrument);
			}
		}
		return Optional.empty();
	}

	/**
	 * The instrument for a code, refused at the field {@code instrument} when unknown.
	 */
	public static Instrument required(String code) {
		return of(code).orElseThrow(() -> Refusal.of("instrument", "Choose the PHQ-9 or the GAD-7."));
	}

	/** A severity band: its name and the totals it covers, both ends included. */
	public record Band(String label, int from, int to) {

		public boolean contains(int total) {
			return total >= from && total <= to;
		}

	}

}

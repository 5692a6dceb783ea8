package org.haven.records.internal;

/**
 * How a client's scores on one measure changed from their first to their latest, as the
 * NHS Talking Therapies for anxiety and depression manual (version 7, 2024, appendix on
 * outcome measurement) and NHS England's "Measuring recovery" guidance define it:
 * <ul>
 * <li><b>caseness</b>: PHQ-9 10 or more, GAD-7 8 or more;</li>
 * <li><b>reliable improvement / deterioration</b>: the score fell / rose by at least the
 * measure's reliable change index (PHQ-9 6, GAD-7 4);</li>
 * <li><b>recovery</b>: at caseness at the first measure and below it at the latest;</li>
 * <li><b>reliable recovery</b>: recovery together with reliable improvement.</li>
 * </ul>
 * The manual applies these to a course of treatment with both PHQ-9 and GAD-7; Haven
 * shows them per measure, and the chart says so.
 */
public record Change(Instrument instrument, int first, int latest) {

	/** Which way the score moved, reliably or not. */
	public enum Direction {

		IMPROVED("Reliable improvement"), DETERIORATED("Reliable deterioration"),
		NO_RELIABLE_CHANGE("No reliable change");

		private final String words;

		Direction(String words) {
			this.words = words;
		}

		public String words() {
			return words;
		}

	}

	public Direction direction() {
		int difference = latest - first;
		if (difference <= -instrument.reliableChange()) {
			return Direction.IMPROVED;
		}
		if (difference >= instrument.reliableChange()) {
			return Direction.DETERIORATED;
		}
		return Direction.NO_RELIABLE_CHANGE;
	}

	/** At caseness at first, below it at the latest. */
	public boolean recovered() {
		return instrument.atCaseness(first) && !instrument.atCaseness(latest);
	}

	public boolean reliablyRecovered() {
		return recovered() && direction() == Direction.IMPROVED;
	}

	/** The outcome in words, e.g. "Reliable recovery". */
	public String words() {
		if (reliablyRecovered()) {
			return "Reliable recovery";
		}
		if (recovered()) {
			return "Recovery (not a reliable change)";
		}
		return direction().words();
	}

}

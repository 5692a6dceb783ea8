package org.haven.records.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.haven.records.internal.Change;
import org.haven.records.internal.Instrument;
import org.haven.records.internal.Results.Score;

/**
 * One measure's scores over time, laid out for the server-rendered SVG in
 * {@code records/measures/chart.html}: severity bands as shaded strips with their names,
 * the caseness line, a point per score, and the outcome (reliable change, recovery) in
 * words on the chart, in its description and in the table below it.
 *
 * @param bands the shaded strips, lowest first
 * @param path the polyline's points, "x,y x,y"
 * @param outcome from the first score to the latest, in words, or null with one score
 */
record ProgressChart(Instrument instrument, String description, List<Strip> bands, double caseY, String path,
		List<Point> points, String outcome, List<Row> rows) {

	static final int WIDTH = 640;

	static final int LEFT = 56;

	static final int RIGHT = 616;

	static final int TOP = 16;

	static final int BOTTOM = 216;

	static ProgressChart of(Instrument instrument, List<Score> scores, ZoneId zone) {
		List<Strip> strips = new ArrayList<>();
		for (int i = 0; i < instrument.bands().size(); i++) {
			Instrument.Band band = instrument.bands().get(i);
			double top = y(instrument, Math.min(band.to() + 1, instrument.maxScore()));
			double bottom = y(instrument, band.from());
			strips.add(new Strip(band.label() + " (" + band.from() + "\u2013" + band.to() + ")", top, bottom - top,
					"band band-" + i, (top + bottom) / 2 + 4));
		}
		List<Point> points = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		Integer first = scores.isEmpty() ? null : scores.get(0).total();
		for (int i = 0; i < scores.size(); i++) {
			Score score = scores.get(i);
			double x = scores.size() == 1 ? (LEFT + RIGHT) / 2.0 : LEFT + i * (RIGHT - LEFT) / (scores.size() - 1.0);
			String date = MeasurePages.DAY.format(score.completedAt().atZone(zone));
			points.add(new Point(x, y(instrument, score.total()), score.total(), date));
			String change = i == 0 ? "First measure" : new Change(instrument, first, score.total()).words();
			rows.add(new Row(date, score.total(), score.band().label(), change,
					score.administered() ? "Therapist, in session" : "Client"));
		}
		String outcome = scores.size() < 2 ? null
				: new Change(instrument, first, scores.get(scores.size() - 1).total()).words();
		String path = points.stream().map(p -> p.x() + "," + p.y()).collect(Collectors.joining(" "));
		return new ProgressChart(instrument, description(instrument, scores, outcome), strips,
				y(instrument, instrument.caseness()), path, points, outcome, rows);
	}

	private static String description(Instrument instrument, List<Score> scores, String outcome) {
		if (scores.isEmpty()) {
			return "No " + instrument.label() + " completed yet.";
		}
		Score last = scores.get(scores.size() - 1);
		return instrument.label() + " scores, " + scores.size() + " measure" + (scores.size() == 1 ? "" : "s")
				+ ", from " + scores.get(0).total() + " to " + last.total() + " (" + last.band().label() + ")"
				+ (outcome == null ? "" : ": " + outcome.toLowerCase(Locale.ENGLISH)) + ". Scores of "
				+ instrument.caseness() + " or more are at caseness.";
	}

	static double y(Instrument instrument, int score) {
		return Math.round((BOTTOM - (double) score / instrument.maxScore() * (BOTTOM - TOP)) * 10) / 10.0;
	}

	public String title() {
		return instrument.label() + " scores over time";
	}

	public String id() {
		return instrument.name().toLowerCase(Locale.ROOT);
	}

	public boolean empty() {
		return points.isEmpty();
	}

	public Point last() {
		return points.get(points.size() - 1);
	}

	/** A shaded severity band. */
	record Strip(String label, double y, double height, String css, double labelY) {
	}

	/** One score on the chart. */
	record Point(double x, double y, int total, String date) {
	}

	/** One line of the table under the chart. */
	record Row(String date, int total, String band, String change, String by) {
	}

}

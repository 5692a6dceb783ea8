package org.haven.records.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.haven.records.internal.Change.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scoring, severity bands, reliable change and recovery of the PHQ-9 and GAD-7, against
 * hand-worked answer sets and thousands of seeded random ones.
 */
class InstrumentTests {

	@Test
	void thePublishedWordingIsKept() {
		assertThat(Instrument.STEM)
			.isEqualTo("Over the last 2 weeks, how often have you been bothered by any of the following problems?");
		assertThat(Instrument.SCALE).containsExactly("Not at all", "Several days", "More than half the days",
				"Nearly every day");
		assertThat(Instrument.PHQ9.items()).hasSize(9)
			.startsWith("Little interest or pleasure in doing things")
			.endsWith("Thoughts that you would be better off dead or of hurting yourself in some way");
		assertThat(Instrument.GAD7.items()).hasSize(7)
			.startsWith("Feeling nervous, anxious or on edge")
			.endsWith("Feeling afraid as if something awful might happen");
		assertThat(Instrument.DIFFICULTY).containsExactly("Not difficult at all", "Somewhat difficult",
				"Very difficult", "Extremely difficult");
	}

	@Test
	void handWorkedPhq9() {
		// Several days (1) on items 1-3, more than half the days (2) on 4-5, nearly
		// every day (3) on 6, not at all on 7-9: 1+1+1+2+2+3 = 10, moderate.
		List<Integer> answers = List.of(1, 1, 1, 2, 2, 3, 0, 0, 0);
		assertThat(Instrument.PHQ9.score(answers)).isEqualTo(10);
		assertThat(Instrument.PHQ9.band(10).label()).isEqualTo("moderate");
		assertThat(Instrument.PHQ9.raisesRisk(answers)).isFalse();
		// Nearly every day on every item: 27, severe; item 9 raises the risk.
		assertThat(Instrument.PHQ9.score(List.of(3, 3, 3, 3, 3, 3, 3, 3, 3))).isEqualTo(27);
		assertThat(Instrument.PHQ9.band(27).label()).isEqualTo("severe");
		assertThat(Instrument.PHQ9.raisesRisk(List.of(0, 0, 0, 0, 0, 0, 0, 0, 1))).isTrue();
	}

	@Test
	void handWorkedGad7() {
		// 2+2+3+1+0+1+0 = 9, mild; one more on "Trouble relaxing" makes 10, moderate.
		assertThat(Instrument.GAD7.score(List.of(2, 2, 3, 1, 0, 1, 0))).isEqualTo(9);
		assertThat(Instrument.GAD7.band(9).label()).isEqualTo("mild");
		assertThat(Instrument.GAD7.score(List.of(2, 2, 3, 2, 0, 1, 0))).isEqualTo(10);
		assertThat(Instrument.GAD7.band(21).label()).isEqualTo("severe");
		assertThat(Instrument.GAD7.raisesRisk(List.of(3, 3, 3, 3, 3, 3, 3))).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "PHQ9,0,minimal", "PHQ9,4,minimal", "PHQ9,5,mild", "PHQ9,9,mild", "PHQ9,10,moderate",
			"PHQ9,14,moderate", "PHQ9,15,moderately severe", "PHQ9,19,moderately severe", "PHQ9,20,severe",
			"PHQ9,27,severe", "GAD7,0,minimal", "GAD7,4,minimal", "GAD7,5,mild", "GAD7,9,mild", "GAD7,10,moderate",
			"GAD7,14,moderate", "GAD7,15,severe", "GAD7,21,severe" })
	void bandBoundaries(Instrument instrument, int total, String band) {
		assertThat(instrument.band(total).label()).isEqualTo(band);
	}

	@Test
	void scoresOutsideTheScaleAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.PHQ9.band(28));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.GAD7.band(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.GAD7.score(List.of(0, 0, 0)));
		assertThatIllegalArgumentException().isThrownBy(() -> Instrument.GAD7.score(List.of(0, 0, 0, 0, 0, 0, 4)));
	}

	@Test
	void everyRandomAnswerSetScoresInRangeAndInExactlyOneBand() {
		Random random = new Random(20261204L);
		for (Instrument instrument : Instrument.values()) {
			for (int n = 0; n < 5000; n++) {
				List<Integer> answers = new ArrayList<>();
				for (int i = 0; i < instrument.items().size(); i++) {
					answers.add(random.nextInt(Instrument.SCALE.size()));
				}
				int total = instrument.score(answers);
				assertThat(total).isBetween(0, instrument.maxScore());
				assertThat(instrument.bands().stream().filter(band -> band.contains(total))).hasSize(1);
			}
		}
	}

	@Test
	void reliableChangeIsSymmetric() {
		Random random = new Random(42L);
		for (Instrument instrument : Instrument.values()) {
			for (int n = 0; n < 5000; n++) {
				int first = random.nextInt(instrument.maxScore() + 1);
				int latest = random.nextInt(instrument.maxScore() + 1);
				Direction there = new Change(instrument, first, latest).direction();
				Direction back = new Change(instrument, latest, first).direction();
				switch (there) {
					case IMPROVED -> assertThat(back).isEqualTo(Direction.DETERIORATED);
					case DETERIORATED -> assertThat(back).isEqualTo(Direction.IMPROVED);
					case NO_RELIABLE_CHANGE -> assertThat(back).isEqualTo(Direction.NO_RELIABLE_CHANGE);
				}
				assertThat(there == Direction.NO_RELIABLE_CHANGE)
					.isEqualTo(Math.abs(latest - first) < instrument.reliableChange());
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "PHQ9,16,10,Reliable improvement", "PHQ9,16,11,No reliable change",
			"PHQ9,10,16,Reliable deterioration", "PHQ9,16,9,Reliable recovery",
			"PHQ9,12,9,Recovery (not a reliable change)", "PHQ9,9,3,Reliable improvement",
			"GAD7,12,8,Reliable improvement", "GAD7,12,7,Reliable recovery",
			"GAD7,9,7,Recovery (not a reliable change)", "GAD7,7,11,Reliable deterioration" })
	void handWorkedChange(Instrument instrument, int first, int latest, String words) {
		assertThat(new Change(instrument, first, latest).words()).isEqualTo(words);
	}

}

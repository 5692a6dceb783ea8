package org.haven.texting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text is a keyword only when it is the word alone, in any case, whatever spaces and
 * final full stop or exclamation mark the phone or person added.
 */
class TextKeywordsTests {

	static Stream<Arguments> everyWord() {
		return Stream
			.of(TextKeywords.OPT_OUT.stream().map(word -> Arguments.of(word, Keyword.OPT_OUT)),
					TextKeywords.OPT_IN.stream().map(word -> Arguments.of(word, Keyword.OPT_IN)),
					TextKeywords.HELP.stream().map(word -> Arguments.of(word, Keyword.HELP)))
			.flatMap(words -> words);
	}

	@ParameterizedTest
	@MethodSource("everyWord")
	void everyWordInAnyCaseSpacingAndEnding(String word, Keyword keyword) {
		String lower = word.toLowerCase(Locale.ROOT);
		String capitalised = word.charAt(0) + lower.substring(1);
		assertThat(
				Stream.of(word, lower, capitalised, " " + word + " ", "\t" + lower + "\n", "\u00A0" + word + "\u00A0",
						"\u202F" + capitalised + "\u3000", word + ".", lower + "!", capitalised + " . ", word + "!!"))
			.allSatisfy(body -> assertThat(TextKeywords.of(body)).as("%s", body).contains(keyword));
	}

	@Test
	void theWordsAreTheCarriersOnes() {
		assertThat(TextKeywords.OPT_OUT).containsExactly("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
		assertThat(TextKeywords.OPT_IN).containsExactly("START", "UNSTOP", "YES");
		assertThat(TextKeywords.HELP).containsExactly("HELP", "INFO");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\u00A0", ".", "!", "stop it", "please stop", "STOPP", "S TOP", "stop?", "stop,",
			".stop", "stop stop", "stop\nplease", "yes please", "help me", "information", "STARTED", "ST0P" })
	void anythingElseIsNoKeyword(String body) {
		assertThat(TextKeywords.of(body)).isEmpty();
	}

}

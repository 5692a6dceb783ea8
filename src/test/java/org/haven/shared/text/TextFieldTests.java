package org.haven.shared.text;

import org.haven.shared.web.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one free-text check every module's forms use. */
class TextFieldTests {

	@Test
	void nothingWrittenIsNull() {
		assertThat(TextChecks.field("bio", null, 10, true)).isNull();
		assertThat(TextChecks.field("bio", " \n\t ", 10, true)).isNull();
	}

	@Test
	void textIsTrimmedWithUnixLineEnds() {
		assertThat(TextChecks.field("bio", "  a\r\nb  ", 10, true)).isEqualTo("a\nb");
	}

	@Test
	void theLimitCountsCharactersNotCodeUnits() {
		assertThat(TextChecks.field("name", "😀😀😀", 3, false)).isEqualTo("😀😀😀");
		assertThatThrownBy(() -> TextChecks.field("name", "abcd", 3, false)).hasMessage("Use at most 3 characters.")
			.isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.field()).isEqualTo("name"));
	}

	@Test
	void controlAndInvisibleFormattingCharactersAreRefused() {
		assertThatThrownBy(() -> TextChecks.field("name", "Robin\u202Egnp.exe", 40, false)).isInstanceOf(Refusal.class)
			.hasMessage("Remove control or invisible formatting characters.");
		assertThatThrownBy(() -> TextChecks.field("name", "a\nb", 40, false)).isInstanceOf(Refusal.class);
		assertThat(TextChecks.field("bio", "a\nb", 40, true)).isEqualTo("a\nb");
	}

}

package org.haven.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.haven.shared.web.Refusal;
import org.junit.jupiter.api.Test;

/**
 * A text's words as pages show them, the keys texts from phones are stored under, and the
 * order of delivery states.
 */
class TextItemTests {

	@Test
	void aTextIsShownAsThePhoneShowsItEscapedNotMarkdown() {
		assertThat(PlainText.html("**Hi** <script>x</script> & 'you'\nline two\n\n\nnext"))
			.isEqualTo("<p>**Hi** &lt;script&gt;x&lt;/script&gt; &amp; &#39;you&#39;<br>line two</p><p>next</p>");
		assertThat(PlainText.html("one")).isEqualTo("<p>one</p>");
	}

	@Test
	void aTextFromAPhoneKeepsItsWordsAndLosesStrayControlCharacters() {
		assertThat(TextItems.inbound("one\r\ntwo\rthree\u0000\u001b\tend")).isEqualTo("one\ntwo\nthree\tend");
		assertThatThrownBy(() -> TextItems.inbound("\r\n \u0007")).isInstanceOf(Refusal.class);
		assertThatThrownBy(() -> TextItems.inbound("x".repeat(16 * 1024 + 1))).isInstanceOfSatisfying(Refusal.class,
				r -> assertThat(r.code()).isEqualTo("text-too-long"));
	}

	@Test
	void aPhoneTextsKeyFitsAClientKeyWhateverItsLength() {
		assertThat(TextItems.dedupeKey("smsc-42")).isEqualTo("sms:smsc-42");
		String sixty = "k".repeat(60);
		assertThat(TextItems.dedupeKey(sixty)).isEqualTo("sms:" + sixty);
		String longer = TextItems.dedupeKey("k".repeat(61));
		assertThat(longer).startsWith("sms#")
			.hasSizeLessThanOrEqualTo(64)
			.isEqualTo(TextItems.dedupeKey("k".repeat(61)));
		assertThat(TextItems.dedupeKey("k".repeat(62))).isNotEqualTo(longer);
		assertThatThrownBy(() -> TextItems.dedupeKey(" ")).isInstanceOf(Refusal.class);
	}

	@Test
	void aStateMovesForwardOnlyAndAnOutcomeMayReplaceAnother() {
		assertThat(TextStates.moves(null, "QUEUED")).isTrue();
		assertThat(TextStates.moves("QUEUED", "SUBMITTED")).isTrue();
		assertThat(TextStates.moves("SUBMITTED", "DELIVERED")).isTrue();
		assertThat(TextStates.moves("UNCONFIRMED", "DELIVERED")).isTrue();
		assertThat(TextStates.moves("DELIVERED", "DELIVERED")).isFalse();
		assertThat(TextStates.moves("DELIVERED", "SUBMITTED")).isFalse();
		assertThat(TextStates.moves("SUBMITTED", "QUEUED")).isFalse();
		assertThatThrownBy(() -> TextStates.check("READ")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> TextStates.check(null)).isInstanceOf(IllegalArgumentException.class);
	}

}

package org.haven.shared.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The plain-prose shortcut of SafeMarkdown must give exactly what the full parse, render
 * and sanitize gives, for every character it lets through and for their combinations.
 */
class PlainProseTests {

	final SafeMarkdown markdown = new SafeMarkdown();

	@Test
	void everyCharacterTheShortcutAcceptsRendersAsTheFullPathDoes() {
		List<Character> accepted = new ArrayList<>();
		for (char c = 0; c < Character.MAX_VALUE; c++) {
			if (SafeMarkdown.isPlainProse("a" + c + "b")) {
				accepted.add(c);
			}
		}
		assertThat(accepted).hasSizeGreaterThan(40_000); // the world's scripts, not only
															// ASCII
		// In lines of 100, each between letters, at the end, and as the second character.
		for (int from = 0; from < accepted.size(); from += 100) {
			StringBuilder line = new StringBuilder("a");
			for (char c : accepted.subList(from, Math.min(from + 100, accepted.size()))) {
				line.append(c).append('b');
			}
			same(line.toString());
			for (char c : accepted.subList(from, Math.min(from + 100, accepted.size()))) {
				if (c != ' ') {
					same("x" + c);
				}
			}
		}
	}

	@Test
	void randomLinesOfThePunctuationMarkdownCouldMisreadRenderAlike() {
		String alphabet = "ab1 ,.?!;:%()/-'\"aé";
		Random random = new Random(20261128L);
		int shortcut = 0;
		for (int n = 0; n < 20_000; n++) {
			StringBuilder line = new StringBuilder();
			int length = 1 + random.nextInt(24);
			for (int i = 0; i < length; i++) {
				line.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String text = line.toString();
			if (SafeMarkdown.isPlainProse(text)) {
				shortcut++;
			}
			assertThat(markdown.toHtml(text)).as(text).isEqualTo(markdown.rendered(text));
		}
		assertThat(shortcut).isGreaterThan(1_000);
	}

	@Test
	void markdownAndMarkupTakeTheFullPath() {
		for (String text : new String[] { "1. first", "- item", "# heading", "a *b*", "a _b_", "a `b`", "a <b>",
				"a & b", "a [b](c)", "a\nb", "a\\b", " a", "a ", "a\tb", "a@b", "a = b", "a 😀", "a\u202Eb", "A\u200Fb",
				"ok ~~x~~" }) {
			assertThat(SafeMarkdown.isPlainProse(text)).as(text).isFalse();
			assertThat(markdown.toHtml(text)).as(text).isEqualTo(markdown.rendered(text));
		}
		assertThat(markdown.toHtml("Say \"hi\", it's fine: 50% (maybe) / no - yes!"))
			.isEqualTo("<p>Say &#34;hi&#34;, it&#39;s fine: 50% (maybe) / no - yes!</p>\n");
		assertThat(markdown.toHtml("x".repeat(SafeMarkdown.PLAIN_MAX + 1)))
			.isEqualTo(markdown.rendered("x".repeat(SafeMarkdown.PLAIN_MAX + 1)));
	}

	private void same(String text) {
		assertThat(SafeMarkdown.isPlainProse(text)).as(text).isTrue();
		assertThat(SafeMarkdown.plainParagraph(text)).as(text).isEqualTo(markdown.rendered(text));
	}

}

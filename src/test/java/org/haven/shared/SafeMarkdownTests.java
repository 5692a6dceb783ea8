package org.haven.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.haven.shared.text.SafeMarkdown;
import org.junit.jupiter.api.Test;

class SafeMarkdownTests {

	final SafeMarkdown markdown = new SafeMarkdown();

	@Test
	void rendersOrdinaryMarkdown() {
		assertThat(markdown.toHtml("# Consent\n\nYou **may** stop at any time.\n\n- one\n- two"))
			.contains("<h1>Consent</h1>")
			.contains("<strong>may</strong>")
			.contains("<li>one</li>");
	}

	@Test
	void hostileInputComesOutInert() {
		String html = markdown
			.toHtml("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n"
					+ "![tracker](https://evil.example/pixel.png)\n\n<svg onload=alert(4)></svg>");
		assertThat(html).doesNotContain("<script")
			.doesNotContain("<img")
			.doesNotContain("javascript:")
			.doesNotContain("<svg")
			.doesNotContain("onerror=")
			.doesNotContain("onload=")
			.doesNotContain("evil.example/pixel");
		assertThat(html).contains("&lt;script&gt;");
	}

	@Test
	void aLinkToAnythingButTheWebOrMailBecomesItsWords() {
		for (String target : new String[] { "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi",
				"vbscript:x", "/relative", "file:///etc/passwd" }) {
			String html = markdown.toHtml("Please [click here](" + target + ") now");
			assertThat(html).as(target).isEqualTo("<p>Please click here now</p>\n");
		}
		assertThat(markdown.toHtml("[mail](mailto:care@example.org)")).contains("href=\"mailto:care&#64;example.org\"");
	}

	@Test
	void linksKeepSafeTargetsAndGetNoReferrer() {
		assertThat(markdown.toHtml("[help](https://988lifeline.org)")).contains("href=\"https://988lifeline.org\"")
			.contains("noreferrer");
	}

}

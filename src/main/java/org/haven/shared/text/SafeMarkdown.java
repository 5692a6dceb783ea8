package org.haven.shared.text;

import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Markdown to HTML that is safe to put in a page: raw HTML in the source is escaped, link
 * targets are limited to http, https and mailto, images are dropped (no remote content),
 * and the result passes an allow-list sanitizer as well, in case a renderer bug lets
 * something through.
 */
@Component
public class SafeMarkdown {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code",
				"pre", "blockquote", "a")
		.allowAttributes("href")
		.onElements("a")
		.allowStandardUrlProtocols()
		.requireRelsOnLinks("noopener", "noreferrer", "nofollow")
		.toFactory();

	private final Parser parser = Parser.builder().build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	public String toHtml(String markdown) {
		if (markdown == null || markdown.isEmpty()) {
			return "";
		}
		if (isPlainProse(markdown)) {
			return plainParagraph(markdown);
		}
		return rendered(markdown);
	}

	/**
	 * The full path: parse, unlink unsafe targets, render with raw HTML escaped,
	 * sanitize.
	 */
	String rendered(String markdown) {
		Node document = parser.parse(markdown);
		document.accept(new UnlinkUnsafe());
		return POLICY.sanitize(renderer.render(document));
	}

	/**
	 * The longest text the plain-prose shortcut looks at; longer ones take the full path.
	 */
	static final int PLAIN_MAX = 4096;

	/**
	 * One line of ordinary words: it starts with a letter, ends with no space, and holds
	 * only letters, digits, combining marks, single-line spaces and punctuation that
	 * Markdown gives no meaning to in the middle of a line. Most chat messages are such a
	 * line, and their HTML is one escaped paragraph, exactly what the full parse, render
	 * and sanitize would give (SafeMarkdownTests compares the two over every character
	 * allowed).
	 */
	static boolean isPlainProse(String text) {
		int length = text.length();
		if (length > PLAIN_MAX || !Character.isLetter(text.charAt(0)) || text.charAt(length - 1) == ' ') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 128) {
				if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
						|| PLAIN_PUNCTUATION.indexOf(c) >= 0)) {
					return false;
				}
			}
			else if (c >= SANITIZER_ENCODES_FROM || Character.isSurrogate(c) || !isPlainLetter(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The sanitizer writes the half- and full-width forms from here on as numeric
	 * references.
	 */
	private static final char SANITIZER_ENCODES_FROM = '\uFE70';

	private static final String PLAIN_PUNCTUATION = " ,.?!;:%()/-'\"";

	private static boolean isPlainLetter(char c) {
		int type = Character.getType(c);
		return type == Character.UPPERCASE_LETTER || type == Character.LOWERCASE_LETTER
				|| type == Character.TITLECASE_LETTER || type == Character.MODIFIER_LETTER
				|| type == Character.OTHER_LETTER || type == Character.NON_SPACING_MARK
				|| type == Character.COMBINING_SPACING_MARK || type == Character.DECIMAL_DIGIT_NUMBER;
	}

	/**
	 * The paragraph the sanitizer writes for plain prose: quotes as numeric references,
	 * nothing else changed.
	 */
	static String plainParagraph(String text) {
		StringBuilder html = new StringBuilder(text.length() + 16).append("<p>");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\'' -> html.append("&#39;");
				case '"' -> html.append("&#34;");
				default -> html.append(c);
			}
		}
		return html.append("</p>\n").toString();
	}

	/**
	 * A link to anything but http, https or mailto becomes its plain words, rather than
	 * an anchor to nowhere.
	 */
	private static final class UnlinkUnsafe extends AbstractVisitor {

		@Override
		public void visit(Link link) {
			visitChildren(link);
			String target = link.getDestination() == null ? "" : link.getDestination().strip().toLowerCase(Locale.ROOT);
			if (!(target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:"))) {
				Node child = link.getFirstChild();
				while (child != null) {
					Node next = child.getNext();
					link.insertBefore(child);
					child = next;
				}
				link.unlink();
			}
		}

	}

}

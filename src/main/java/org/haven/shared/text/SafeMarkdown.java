package org.haven.shared.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.springframework.stereotype.Component;

/**
 * Markdown to HTML that is safe to put in a page: raw HTML in the source is escaped, link targets are
 * limited to http, https and mailto, images are dropped (no remote content), and the result passes an
 * allow-list sanitizer as well, in case a renderer bug lets something through.
 */
@Component
public class SafeMarkdown {

	private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
		.allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code", "pre",
				"blockquote", "a")
		.allowAttributes("href").onElements("a")
		.allowStandardUrlProtocols()
		.requireRelsOnLinks("noopener", "noreferrer", "nofollow")
		.toFactory();

	private final Parser parser = Parser.builder().build();
	private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	public String toHtml(String markdown) {
		if (markdown == null || markdown.isEmpty()) {
			return "";
		}
		return POLICY.sanitize(renderer.render(parser.parse(markdown)));
	}
}

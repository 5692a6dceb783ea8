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
		org.commonmark.node.Node document = parser.parse(markdown);
		document.accept(new UnlinkUnsafe());
		return POLICY.sanitize(renderer.render(document));
	}

	/** A link to anything but http, https or mailto becomes its plain words, rather than an anchor to nowhere. */
	private static final class UnlinkUnsafe extends org.commonmark.node.AbstractVisitor {

		@Override
		public void visit(org.commonmark.node.Link link) {
			visitChildren(link);
			String target = link.getDestination() == null ? "" : link.getDestination().strip().toLowerCase(java.util.Locale.ROOT);
			if (!(target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:"))) {
				org.commonmark.node.Node child = link.getFirstChild();
				while (child != null) {
					org.commonmark.node.Node next = child.getNext();
					link.insertBefore(child);
					child = next;
				}
				link.unlink();
			}
		}
	}
}

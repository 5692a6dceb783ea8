package org.haven.messaging.internal;

/**
 * A text (SMS) as HTML: its words exactly as a phone shows them, with no Markdown, since
 * the phone at the other end shows the same characters.
 */
public final class PlainText {

	private PlainText() {
	}

	/**
	 * A text's words as the phone shows them: no Markdown, every character escaped, a
	 * paragraph per blank-line-separated block and a line break per line.
	 */
	public static String html(String text) {
		StringBuilder html = new StringBuilder(text.length() + 16);
		for (String block : text.strip().split("\\n\\s*\\n")) {
			html.append("<p>");
			String[] lines = block.strip().split("\\n");
			for (int i = 0; i < lines.length; i++) {
				if (i > 0) {
					html.append("<br>");
				}
				escape(lines[i], html);
			}
			html.append("</p>");
		}
		return html.toString();
	}

	private static void escape(String text, StringBuilder html) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> html.append("&amp;");
				case '<' -> html.append("&lt;");
				case '>' -> html.append("&gt;");
				case '"' -> html.append("&quot;");
				case '\'' -> html.append("&#39;");
				default -> html.append(c);
			}
		}
	}

}

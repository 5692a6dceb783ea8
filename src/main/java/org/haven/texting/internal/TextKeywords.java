package org.haven.texting.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The keywords an inbound text may be. US carriers and the CTIA Messaging Principles and
 * Best Practices require a sender to honour these standard words, so they are matched
 * whatever the case and spacing, but only as the whole text: "please stop" or "stop it"
 * may be part of a conversation and must not silently unsubscribe anyone.
 */
public final class TextKeywords {

	/** Opt-out words carriers expect every sender to honour. */
	public static final List<String> OPT_OUT = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");

	/** Words that undo an opt-out. */
	public static final List<String> OPT_IN = List.of("START", "UNSTOP", "YES");

	/** Words that must get a reply saying who is texting and how to stop. */
	public static final List<String> HELP = List.of("HELP", "INFO");

	private static final Map<String, Keyword> WORDS = words();

	private TextKeywords() {
	}

	/**
	 * The keyword the whole text is, if it is one.
	 * @param body the text as received, possibly {@code null}
	 * @return the keyword, or empty for anything else
	 */
	public static Optional<Keyword> of(String body) {
		if (body == null) {
			return Optional.empty();
		}
		// Phones add trailing punctuation and spaces (including non-breaking ones) on
		// their
		// own, and people write "Stop!": none of that makes it a different word.
		int start = 0;
		int end = body.length();
		while (start < end && isSpace(body.charAt(start))) {
			start++;
		}
		while (start < end && (isSpace(body.charAt(end - 1)) || isEndMark(body.charAt(end - 1)))) {
			end--;
		}
		if (start == end) {
			return Optional.empty();
		}
		return Optional.ofNullable(WORDS.get(body.substring(start, end).toUpperCase(Locale.ROOT)));
	}

	private static boolean isSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c);
	}

	private static boolean isEndMark(char c) {
		return c == '.' || c == '!';
	}

	private static Map<String, Keyword> words() {
		Map<String, Keyword> words = new HashMap<>();
		OPT_OUT.forEach(word -> words.put(word, Keyword.OPT_OUT));
		OPT_IN.forEach(word -> words.put(word, Keyword.OPT_IN));
		HELP.forEach(word -> words.put(word, Keyword.HELP));
		return Map.copyOf(words);
	}

}

package org.haven.texting.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 7-bit default alphabet and its extension table (3GPP TS 23.038, 6.2.1 and
 * 6.2.1.1), as unpacked septets. National language shift tables are left out on purpose:
 * not every handset and SMSC supports them, and a text in the default alphabet reads the
 * same everywhere.
 */
final class Gsm7 {

	/** Escape to the extension table; the next septet is looked up there. */
	static final int ESC = 0x1B;

	/**
	 * The default alphabet, indexed by septet, sixteen to a line. Non-ASCII characters
	 * are escaped because look-alikes (Greek capital delta U+0394 against the increment
	 * sign U+2206, capital C cedilla against small) are easy to get wrong in an editor.
	 * The slot of {@link #ESC} holds a placeholder that no text character maps to.
	 */
	private static final String DEFAULT = ""
			// @ £ $ ¥ è é ù ì ò Ç LF Ø ø CR Å å
			+ "@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5"
			// Δ _ Φ Γ Λ Ω Π Ψ Σ Θ Ξ ESC Æ æ ß É
			+ "\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\uFFFF\u00C6\u00E6\u00DF\u00C9"
			// SP ! " # ¤ % & ' ( ) * + , - . /
			+ " !\"#\u00A4%&'()*+,-./" + "0123456789:;<=>?"
			// ¡ A-O
			+ "\u00A1ABCDEFGHIJKLMNO"
			// P-Z Ä Ö Ñ Ü §
			+ "PQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7"
			// ¿ a-o
			+ "\u00BFabcdefghijklmno"
			// p-z ä ö ñ ü à
			+ "pqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0";

	/** The extension table's characters, each sent as {@link #ESC} and its code. */
	private static final Map<Integer, Character> EXTENSION = Map.of(0x0A, '\f', 0x14, '^', 0x28, '{', 0x29, '}', 0x2F,
			'\\', 0x3C, '[', 0x3D, '~', 0x3E, ']', 0x40, '|', 0x65, '\u20AC');

	/** Character to its septet, or to {@code ESC << 8 | code} for the extension table. */
	private static final Map<Character, Integer> CODES = codes();

	private Gsm7() {
	}

	private static Map<Character, Integer> codes() {
		if (DEFAULT.length() != 128) {
			throw new IllegalStateException("The default alphabet has " + DEFAULT.length() + " positions, not 128");
		}
		Map<Character, Integer> codes = new HashMap<>();
		for (int septet = 0; septet < 128; septet++) {
			if (septet != ESC) {
				codes.put(DEFAULT.charAt(septet), septet);
			}
		}
		EXTENSION.forEach((code, c) -> codes.put(c, ESC << 8 | code));
		return Map.copyOf(codes);
	}

	/**
	 * The septet of {@code c} (0..127), {@code ESC << 8 | code} for an extension-table
	 * character, or -1 when the alphabet lacks it.
	 */
	static int code(char c) {
		return CODES.getOrDefault(c, -1);
	}

	/** Septets {@code c} takes: 1, 2 for the extension table, 0 when it has none. */
	static int septets(char c) {
		int code = code(c);
		return (code < 0) ? 0 : (code > 0x7F) ? 2 : 1;
	}

	/** The default alphabet's character for a septet other than {@link #ESC}. */
	static char character(int septet) {
		return DEFAULT.charAt(septet);
	}

	/** The extension table's character for {@code code}, or -1 where it has none. */
	static int extension(int code) {
		Character c = EXTENSION.get(code);
		return (c != null) ? c : -1;
	}

}

package org.haven.texting.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A text cut into the SMS segments SMPP 3.4 submits, each as its exact
 * {@code short_message} octets. Texts whose every character is in the GSM 7-bit default
 * alphabet or its extension table go as GSM (160 septets, or 153 per segment when
 * concatenated); any other text goes as UCS-2 (70 UTF-16 code units, or 67). An escape
 * pair or a surrogate pair is never cut in two, so each segment decodes on its own.
 * {@code static/js/sms-count.js} counts with the same rules for the page.
 */
public final class SmsSegments {

	/** Most segments a text may take; handsets and operators limit longer ones. */
	public static final int MAX_SEGMENTS = 10;

	/**
	 * The {@code esm_class} bit (UDHI) saying that {@code short_message} starts with a
	 * user data header; required whenever {@link #udhi()}.
	 */
	public static final byte ESM_CLASS_UDHI = 0x40;

	/** {@code data_coding} for the SMSC default alphabet, GSM 03.38 unpacked septets. */
	public static final byte DATA_CODING_GSM = 0x00;

	/** {@code data_coding} for UCS-2, sent as UTF-16BE. */
	public static final byte DATA_CODING_UCS2 = 0x08;

	/** The concatenation header: {@code 05 00 03 ref total index}. */
	static final int UDH_OCTETS = 6;

	private final Encoding encoding;

	private final List<byte[]> segments;

	private SmsSegments(Encoding encoding, List<byte[]> segments) {
		this.encoding = encoding;
		this.segments = segments;
	}

	/**
	 * Cuts {@code text} into segments; {@code ref} (0-255) ties the segments of one text
	 * together at the handset and is ignored for a single segment.
	 * @throws IllegalArgumentException when the text is empty or {@code ref} out of range
	 * @throws TooLong when the text needs more than {@value #MAX_SEGMENTS} segments
	 */
	public static SmsSegments of(String text, int ref) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("A text cannot be empty");
		}
		if (ref < 0 || ref > 0xFF) {
			throw new IllegalArgumentException("A concatenation reference is 0-255, not " + ref);
		}
		Plan plan = Plan.of(text);
		int total = plan.ends.size();
		if (total > MAX_SEGMENTS) {
			throw new TooLong(total);
		}
		List<byte[]> segments = new ArrayList<>(total);
		int start = 0;
		for (int index = 1; index <= total; index++) {
			int end = plan.ends.get(index - 1);
			ByteArrayOutputStream octets = new ByteArrayOutputStream(UDH_OCTETS + 2 * (end - start));
			if (total > 1) {
				octets.writeBytes(new byte[] { 5, 0, 3, (byte) ref, (byte) total, (byte) index });
			}
			for (int i = start; i < end; i++) {
				plan.encoding.write(text.charAt(i), octets);
			}
			segments.add(octets.toByteArray());
			start = end;
		}
		return new SmsSegments(plan.encoding, List.copyOf(segments));
	}

	/**
	 * How {@code text} would be sent, for a counter beside the text box: the empty text
	 * counts as no segments. A text over {@value #MAX_SEGMENTS} segments is counted, not
	 * refused; see {@link Count#fits()}.
	 */
	public static Count count(String text) {
		if (text.isEmpty()) {
			return new Count(Encoding.GSM, 0, 0, Encoding.GSM.single);
		}
		Plan plan = Plan.of(text);
		int segments = plan.ends.size();
		return new Count(plan.encoding, segments, plan.units, plan.encoding.perSegment(segments));
	}

	public Encoding encoding() {
		return encoding;
	}

	public byte dataCoding() {
		return encoding.dataCoding;
	}

	/**
	 * Whether each segment starts with a concatenation header (more than one segment).
	 */
	public boolean udhi() {
		return segments.size() > 1;
	}

	/**
	 * {@link #ESM_CLASS_UDHI} when {@link #udhi()}, else 0: OR it into the esm_class
	 * sent.
	 */
	public byte esmClass() {
		return udhi() ? ESM_CLASS_UDHI : 0;
	}

	public int size() {
		return segments.size();
	}

	/** Each segment's {@code short_message} in order, as copies the caller may keep. */
	public List<byte[]> segments() {
		return segments.stream().map(byte[]::clone).toList();
	}

	/**
	 * The text of one {@code short_message}, after the user data header when
	 * {@code udhi}. Takes GSM unpacked septets ({@code data_coding} 0x00, also what a
	 * handset's text arrives as) and UCS-2 (0x08, read as UTF-16BE so that a surrogate
	 * pair a handset split across segments joins up when the texts are concatenated).
	 * @throws IllegalArgumentException for another {@code data_coding} or a header longer
	 * than the message
	 */
	public static String decode(byte dataCoding, byte[] shortMessage, boolean udhi) {
		int start = udhi ? headerEnd(shortMessage) : 0;
		return switch (dataCoding) {
			case DATA_CODING_GSM -> decodeGsm(shortMessage, start);
			case DATA_CODING_UCS2 -> decodeUcs2(shortMessage, start);
			default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
					"data_coding 0x%02X is neither GSM (0x00) nor UCS-2 (0x08)", dataCoding));
		};
	}

	/**
	 * The concatenation element of the user data header {@code shortMessage} starts with
	 * (its esm_class had UDHI), 8-bit or 16-bit reference; empty when the header has none
	 * or a meaningless one (total 0, index 0 or past the total), which 3GPP TS 23.040
	 * says to ignore.
	 * @throws IllegalArgumentException when the header runs past the message
	 */
	public static Optional<Concat> udh(byte[] shortMessage) {
		int end = headerEnd(shortMessage);
		int i = 1;
		while (i < end) {
			if (i + 2 > end) {
				throw new IllegalArgumentException("The user data header ends inside an element");
			}
			int element = shortMessage[i] & 0xFF;
			int length = shortMessage[i + 1] & 0xFF;
			int data = i + 2;
			if (data + length > end) {
				throw new IllegalArgumentException("A user data header element runs past the header");
			}
			if (element == 0x00 && length == 3) {
				return Concat.checked(octet(shortMessage, data), octet(shortMessage, data + 1),
						octet(shortMessage, data + 2));
			}
			if (element == 0x08 && length == 4) {
				return Concat.checked(octet(shortMessage, data) << 8 | octet(shortMessage, data + 1),
						octet(shortMessage, data + 2), octet(shortMessage, data + 3));
			}
			i = data + length;
		}
		return Optional.empty();
	}

	private static int octet(byte[] octets, int at) {
		return octets[at] & 0xFF;
	}

	/** Where the text starts after the header whose length is the first octet. */
	private static int headerEnd(byte[] shortMessage) {
		if (shortMessage.length == 0) {
			throw new IllegalArgumentException("An empty message has no user data header");
		}
		int end = 1 + octet(shortMessage, 0);
		if (end > shortMessage.length) {
			throw new IllegalArgumentException("The user data header claims " + (end - 1) + " octets of a "
					+ shortMessage.length + "-octet message");
		}
		return end;
	}

	private static String decodeGsm(byte[] septets, int start) {
		StringBuilder text = new StringBuilder(septets.length - start);
		for (int i = start; i < septets.length; i++) {
			int septet = octet(septets, i);
			if (septet > 0x7F) {
				text.append('\uFFFD');
			}
			else if (septet != Gsm7.ESC) {
				text.append(Gsm7.character(septet));
			}
			else if (i + 1 == septets.length) {
				// TS 23.038: a receiver that cannot follow the escape shows a space
				text.append(' ');
			}
			else {
				int code = octet(septets, ++i);
				int extended = Gsm7.extension(code);
				// TS 23.038: a code the extension table lacks shows as its default-table
				// character
				text.append((extended >= 0) ? (char) extended
						: (code > 0x7F) ? '\uFFFD' : (code == Gsm7.ESC) ? ' ' : Gsm7.character(code));
			}
		}
		return text.toString();
	}

	private static String decodeUcs2(byte[] octets, int start) {
		StringBuilder text = new StringBuilder((octets.length - start) / 2);
		int i = start;
		for (; i + 1 < octets.length; i += 2) {
			text.append((char) (octet(octets, i) << 8 | octet(octets, i + 1)));
		}
		if (i < octets.length) {
			text.append('\uFFFD');
		}
		return text.toString();
	}

	/** The two encodings a text may go in, with the units one segment holds. */
	public enum Encoding {

		GSM("GSM", DATA_CODING_GSM, 160, 153) {
			@Override
			void write(char c, ByteArrayOutputStream octets) {
				int code = Gsm7.code(c);
				if (code > 0x7F) {
					octets.write(Gsm7.ESC);
				}
				octets.write(code & 0x7F);
			}
		},

		UCS2("UCS-2", DATA_CODING_UCS2, 70, 67) {
			@Override
			void write(char c, ByteArrayOutputStream octets) {
				octets.write(c >> 8);
				octets.write(c & 0xFF);
			}
		};

		private final String label;

		private final byte dataCoding;

		private final int single;

		private final int concatenated;

		Encoding(String label, byte dataCoding, int single, int concatenated) {
			this.label = label;
			this.dataCoding = dataCoding;
			this.single = single;
			this.concatenated = concatenated;
		}

		/** "GSM" or "UCS-2", as the page shows it. */
		public String label() {
			return label;
		}

		public byte dataCoding() {
			return dataCoding;
		}

		/** Units (septets or code units) one segment holds when a text has this many. */
		public int perSegment(int segments) {
			return (segments > 1) ? concatenated : single;
		}

		abstract void write(char c, ByteArrayOutputStream octets);

	}

	/**
	 * How a text counts: its encoding, segments, units (GSM septets, an extension-table
	 * character counting two, or UTF-16 code units) and the units one of its segments
	 * holds.
	 */
	public record Count(Encoding encoding, int segments, int units, int perSegment) {

		/**
		 * Whether the text may be sent: at most {@value SmsSegments#MAX_SEGMENTS}
		 * segments.
		 */
		public boolean fits() {
			return segments <= MAX_SEGMENTS;
		}

	}

	/**
	 * A segment's place in its text: the reference shared by the text's segments, how
	 * many there are and this one's position from 1.
	 */
	public record Concat(int ref, int total, int index) {

		static Optional<Concat> checked(int ref, int total, int index) {
			return (total > 0 && index > 0 && index <= total) ? Optional.of(new Concat(ref, total, index))
					: Optional.empty();
		}

	}

	/**
	 * A text over {@value SmsSegments#MAX_SEGMENTS} segments, with the number it needs.
	 */
	public static final class TooLong extends IllegalArgumentException {

		private static final long serialVersionUID = 1L;

		private final int segments;

		TooLong(int segments) {
			super(String.format(Locale.ROOT,
					"A text may be at most %d parts (%,d GSM characters or %,d Unicode characters); this one would be %d",
					MAX_SEGMENTS, MAX_SEGMENTS * Encoding.GSM.concatenated, MAX_SEGMENTS * Encoding.UCS2.concatenated,
					segments));
			this.segments = segments;
		}

		public int segments() {
			return segments;
		}

	}

	/**
	 * Where a text's segments end: units are filled greedily up to the limit, and a
	 * character that does not fit whole (an escape pair, a surrogate pair) starts the
	 * next segment.
	 */
	private record Plan(Encoding encoding, int units, List<Integer> ends) {

		static Plan of(String text) {
			boolean gsm = text.chars().allMatch(c -> Gsm7.code((char) c) >= 0);
			Encoding encoding = gsm ? Encoding.GSM : Encoding.UCS2;
			int units = 0;
			for (int i = 0; i < text.length(); i++) {
				units += gsm ? Gsm7.septets(text.charAt(i)) : 1;
			}
			if (units <= encoding.single) {
				return new Plan(encoding, units, List.of(text.length()));
			}
			List<Integer> ends = new ArrayList<>();
			int used = 0;
			for (int i = 0; i < text.length();) {
				int chars = (!gsm && Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1))) ? 2 : 1;
				int cost = gsm ? Gsm7.septets(text.charAt(i)) : chars;
				if (used + cost > encoding.concatenated) {
					ends.add(i);
					used = 0;
				}
				used += cost;
				i += chars;
			}
			ends.add(text.length());
			return new Plan(encoding, units, List.copyOf(ends));
		}

	}

}

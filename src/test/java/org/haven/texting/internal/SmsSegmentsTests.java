package org.haven.texting.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.haven.texting.internal.SmsSegments.Concat;
import org.haven.texting.internal.SmsSegments.Count;
import org.haven.texting.internal.SmsSegments.Encoding;
import org.haven.texting.internal.SmsSegments.TooLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMS segmentation against fixed examples at every limit, the GSM 03.38 tables written
 * out by Unicode character name (so a look-alike cannot pass), and seeded random texts.
 *
 * <p>
 * Each run uses a new seed, printed and named in every failure; rerun a failure with
 * {@code -Dhaven.test.seed=<seed>}.
 */
class SmsSegmentsTests {

	static final long SEED = Long.getLong("haven.test.seed", System.nanoTime());

	static final int TEXTS = 2000;

	static final String CYRILLIC_ZHE = "\u0416";

	static final String GRINNING_FACE = "\uD83D\uDE00";

	/**
	 * The default alphabet by septet (3GPP TS 23.038, 6.2.1), as Unicode names; null at
	 * the escape.
	 */
	static final String[] DEFAULT_ALPHABET = defaultAlphabet();

	/** The extension table by code (6.2.1.1), as Unicode names. */
	static final Map<Integer, String> EXTENSION = Map.of(0x0A, "FORM FEED (FF)", 0x14, "CIRCUMFLEX ACCENT", 0x28,
			"LEFT CURLY BRACKET", 0x29, "RIGHT CURLY BRACKET", 0x2F, "REVERSE SOLIDUS", 0x3C, "LEFT SQUARE BRACKET",
			0x3D, "TILDE", 0x3E, "RIGHT SQUARE BRACKET", 0x40, "VERTICAL LINE", 0x65, "EURO SIGN");

	/** Every character the GSM encoding takes, with the septets it costs. */
	static final Map<Character, Integer> GSM_SEPTETS = gsmSeptets();

	@BeforeAll
	static void printSeed() {
		System.out.println("SmsSegmentsTests seed " + SEED + " (replay with -Dhaven.test.seed=" + SEED + ")");
	}

	static String[] defaultAlphabet() {
		String[] names = { "COMMERCIAL AT", "POUND SIGN", "DOLLAR SIGN", "YEN SIGN", "LATIN SMALL LETTER E WITH GRAVE",
				"LATIN SMALL LETTER E WITH ACUTE", "LATIN SMALL LETTER U WITH GRAVE", "LATIN SMALL LETTER I WITH GRAVE",
				"LATIN SMALL LETTER O WITH GRAVE", "LATIN CAPITAL LETTER C WITH CEDILLA", "LINE FEED (LF)",
				"LATIN CAPITAL LETTER O WITH STROKE", "LATIN SMALL LETTER O WITH STROKE", "CARRIAGE RETURN (CR)",
				"LATIN CAPITAL LETTER A WITH RING ABOVE", "LATIN SMALL LETTER A WITH RING ABOVE",
				// 0x10
				"GREEK CAPITAL LETTER DELTA", "LOW LINE", "GREEK CAPITAL LETTER PHI", "GREEK CAPITAL LETTER GAMMA",
				"GREEK CAPITAL LETTER LAMDA", "GREEK CAPITAL LETTER OMEGA", "GREEK CAPITAL LETTER PI",
				"GREEK CAPITAL LETTER PSI", "GREEK CAPITAL LETTER SIGMA", "GREEK CAPITAL LETTER THETA",
				"GREEK CAPITAL LETTER XI", null, "LATIN CAPITAL LETTER AE", "LATIN SMALL LETTER AE",
				"LATIN SMALL LETTER SHARP S", "LATIN CAPITAL LETTER E WITH ACUTE",
				// 0x20
				"SPACE", "EXCLAMATION MARK", "QUOTATION MARK", "NUMBER SIGN", "CURRENCY SIGN", "PERCENT SIGN",
				"AMPERSAND", "APOSTROPHE", "LEFT PARENTHESIS", "RIGHT PARENTHESIS", "ASTERISK", "PLUS SIGN", "COMMA",
				"HYPHEN-MINUS", "FULL STOP", "SOLIDUS" };
		List<String> table = new ArrayList<>(Arrays.asList(names));
		for (String digit : List.of("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")) {
			table.add("DIGIT " + digit);
		}
		table.addAll(List.of("COLON", "SEMICOLON", "LESS-THAN SIGN", "EQUALS SIGN", "GREATER-THAN SIGN",
				"QUESTION MARK", "INVERTED EXCLAMATION MARK"));
		for (char letter = 'A'; letter <= 'Z'; letter++) {
			table.add("LATIN CAPITAL LETTER " + letter);
		}
		table.addAll(List.of("LATIN CAPITAL LETTER A WITH DIAERESIS", "LATIN CAPITAL LETTER O WITH DIAERESIS",
				"LATIN CAPITAL LETTER N WITH TILDE", "LATIN CAPITAL LETTER U WITH DIAERESIS", "SECTION SIGN",
				"INVERTED QUESTION MARK"));
		for (char letter = 'A'; letter <= 'Z'; letter++) {
			table.add("LATIN SMALL LETTER " + letter);
		}
		table.addAll(List.of("LATIN SMALL LETTER A WITH DIAERESIS", "LATIN SMALL LETTER O WITH DIAERESIS",
				"LATIN SMALL LETTER N WITH TILDE", "LATIN SMALL LETTER U WITH DIAERESIS",
				"LATIN SMALL LETTER A WITH GRAVE"));
		return table.toArray(String[]::new);
	}

	static Map<Character, Integer> gsmSeptets() {
		Map<Character, Integer> septets = new HashMap<>();
		for (String name : DEFAULT_ALPHABET) {
			if (name != null) {
				septets.put((char) Character.codePointOf(name), 1);
			}
		}
		EXTENSION.values().forEach(name -> septets.put((char) Character.codePointOf(name), 2));
		return Map.copyOf(septets);
	}

	// The tables

	@Test
	void theDefaultAlphabetHas128PositionsAndTheExtensionTableTen() {
		assertThat(DEFAULT_ALPHABET).hasSize(128);
		assertThat(Arrays.stream(DEFAULT_ALPHABET).filter(name -> name == null)).hasSize(1);
		assertThat(DEFAULT_ALPHABET[0x1B]).isNull();
		assertThat(GSM_SEPTETS).hasSize(127 + 10);
	}

	@Test
	void eachSeptetDecodesToItsCharacterAndBack() {
		for (int septet = 0; septet < 128; septet++) {
			if (septet == 0x1B) {
				continue;
			}
			String text = SmsSegments.decode(SmsSegments.DATA_CODING_GSM, new byte[] { (byte) septet }, false);
			assertThat(text).hasSize(1);
			assertThat(Character.getName(text.charAt(0))).as("septet 0x%02X", septet)
				.isEqualTo(DEFAULT_ALPHABET[septet]);
			assertThat(onlySegment(SmsSegments.of(text, 0))).as("septet 0x%02X", septet).containsExactly((byte) septet);
		}
	}

	@Test
	void eachExtensionCharacterIsAnEscapePair() {
		EXTENSION.forEach((code, name) -> {
			byte[] pair = { 0x1B, (byte) (int) code };
			String text = SmsSegments.decode(SmsSegments.DATA_CODING_GSM, pair, false);
			assertThat(text).hasSize(1);
			assertThat(Character.getName(text.charAt(0))).as("extension 0x%02X", code).isEqualTo(name);
			assertThat(onlySegment(SmsSegments.of(text, 0))).containsExactly(pair);
			assertThat(SmsSegments.count(text).units()).isEqualTo(2);
		});
	}

	@Test
	void exactlyTheTablesCharactersGoAsGsm() {
		List<String> wrong = IntStream.rangeClosed(0, 0xFFFF)
			.filter(c -> (SmsSegments.count(String.valueOf((char) c)).encoding() == Encoding.GSM) != GSM_SEPTETS
				.containsKey((char) c))
			.mapToObj(c -> String.format("U+%04X", c))
			.toList();
		assertThat(wrong).isEmpty();
	}

	@Test
	void lookAlikesOfGsmCharactersGoAsUcs2() {
		// small c cedilla (GSM has only the capital), increment sign (not Greek delta),
		// grave accent, Cyrillic A, no-break space, NUL, ESC itself
		for (String text : List.of("\u00E7", "\u2206", "`", "\u0410", "\u00A0", "\u0000", "\u001B")) {
			assertThat(SmsSegments.count(text).encoding()).as("U+%04X", (int) text.charAt(0)).isEqualTo(Encoding.UCS2);
		}
	}

	// Fixed examples

	@Test
	void a160CharacterGsmTextIsOneSegmentWithoutHeader() {
		SmsSegments sms = SmsSegments.of("a".repeat(160), 7);

		assertThat(sms.encoding()).isEqualTo(Encoding.GSM);
		assertThat(sms.dataCoding()).isEqualTo((byte) 0x00);
		assertThat(sms.udhi()).isFalse();
		assertThat(sms.esmClass()).isZero();
		assertThat(onlySegment(sms)).hasSize(160).containsOnly((byte) 'a');
		assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new Count(Encoding.GSM, 1, 160, 160));
	}

	@Test
	void a161CharacterGsmTextIsTwoSegmentsOf153And8() {
		SmsSegments sms = SmsSegments.of("a".repeat(161), 7);

		assertThat(sms.udhi()).isTrue();
		assertThat(sms.esmClass()).isEqualTo(SmsSegments.ESM_CLASS_UDHI).isEqualTo((byte) 0x40);
		List<byte[]> segments = sms.segments();
		assertThat(segments).hasSize(2);
		assertThat(segments.get(0)).startsWith(5, 0, 3, 7, 2, 1).hasSize(6 + 153);
		assertThat(segments.get(1)).startsWith(5, 0, 3, 7, 2, 2).hasSize(6 + 8);
		assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new Count(Encoding.GSM, 2, 161, 153));
	}

	@Test
	void a70CharacterUnicodeTextIsOneSegment() {
		SmsSegments sms = SmsSegments.of(CYRILLIC_ZHE.repeat(70), 7);

		assertThat(sms.encoding()).isEqualTo(Encoding.UCS2);
		assertThat(sms.dataCoding()).isEqualTo((byte) 0x08);
		assertThat(sms.udhi()).isFalse();
		assertThat(onlySegment(sms)).hasSize(140).startsWith(0x04, 0x16);
		assertThat(SmsSegments.count(CYRILLIC_ZHE.repeat(70))).isEqualTo(new Count(Encoding.UCS2, 1, 70, 70));
	}

	@Test
	void a71CharacterUnicodeTextIsTwoSegmentsOf67And4() {
		List<byte[]> segments = SmsSegments.of(CYRILLIC_ZHE.repeat(71), 255).segments();

		assertThat(segments).hasSize(2);
		assertThat(segments.get(0)).startsWith(5, 0, 3, 0xFF, 2, 1).hasSize(6 + 2 * 67);
		assertThat(segments.get(1)).startsWith(5, 0, 3, 0xFF, 2, 2).hasSize(6 + 2 * 4);
		assertThat(SmsSegments.count(CYRILLIC_ZHE.repeat(71))).isEqualTo(new Count(Encoding.UCS2, 2, 71, 67));
	}

	@Test
	void anEscapePairThatWouldStraddleSegmentsMovesWhole() {
		String text = "a".repeat(152) + "\u20AC" + "b".repeat(10);

		List<byte[]> segments = SmsSegments.of(text, 1).segments();

		assertThat(segments.get(0)).hasSize(6 + 152).endsWith('a');
		assertThat(segments.get(1)).hasSize(6 + 2 + 10).startsWith(5, 0, 3, 1, 2, 2, 0x1B, 0x65, 'b');
		assertThat(SmsSegments.count(text)).isEqualTo(new Count(Encoding.GSM, 2, 164, 153));
	}

	@Test
	void anEscapePairEndingExactlyAtTheLimitStays() {
		String text = "a".repeat(151) + "\u20AC" + "b".repeat(10);

		List<byte[]> segments = SmsSegments.of(text, 1).segments();

		assertThat(segments.get(0)).hasSize(6 + 153).endsWith(0x1B, 0x65);
		assertThat(segments.get(1)).hasSize(6 + 10);
	}

	@Test
	void aSurrogatePairAtTheSegmentBoundaryIsNotSplit() {
		String text = CYRILLIC_ZHE.repeat(66) + GRINNING_FACE + CYRILLIC_ZHE.repeat(10);

		List<byte[]> segments = SmsSegments.of(text, 1).segments();

		assertThat(segments.get(0)).hasSize(6 + 2 * 66);
		assertThat(segments.get(1)).hasSize(6 + 2 * 12).startsWith(5, 0, 3, 1, 2, 2, 0xD8, 0x3D, 0xDE, 0x00);
		assertThat(SmsSegments.count(text)).isEqualTo(new Count(Encoding.UCS2, 2, 78, 67));
	}

	@Test
	void theEuroSignCountsTwoSeptets() {
		assertThat(SmsSegments.count("\u20AC")).isEqualTo(new Count(Encoding.GSM, 1, 2, 160));
		assertThat(SmsSegments.count("a".repeat(159) + "\u20AC").segments()).isEqualTo(2);
		assertThat(onlySegment(SmsSegments.of("5\u20AC", 0))).containsExactly('5', 0x1B, 0x65);
	}

	@Test
	void aCyrillicLetterMakesTheWholeTextUnicode() {
		String text = "Hello \u0416";

		SmsSegments sms = SmsSegments.of(text, 0);

		assertThat(sms.encoding()).isEqualTo(Encoding.UCS2);
		assertThat(onlySegment(sms)).containsExactly(0, 'H', 0, 'e', 0, 'l', 0, 'l', 0, 'o', 0, ' ', 0x04, 0x16);
		assertThat(SmsSegments.count(text)).isEqualTo(new Count(Encoding.UCS2, 1, 7, 70));
	}

	@Test
	void tenSegmentsIsTheMostAText() {
		assertThat(SmsSegments.of("a".repeat(1530), 0).size()).isEqualTo(10);
		assertThat(SmsSegments.of(CYRILLIC_ZHE.repeat(670), 0).size()).isEqualTo(10);
		assertThat(SmsSegments.count("a".repeat(1531))).isEqualTo(new Count(Encoding.GSM, 11, 1531, 153))
			.matches(count -> !count.fits());

		for (String text : List.of("a".repeat(1531), CYRILLIC_ZHE.repeat(671))) {
			assertThatThrownBy(() -> SmsSegments.of(text, 0)).isInstanceOf(IllegalArgumentException.class)
				.isInstanceOfSatisfying(TooLong.class, tooLong -> assertThat(tooLong.segments()).isEqualTo(11))
				.hasMessage("A text may be at most 10 parts (1,530 GSM characters or 670 Unicode characters); "
						+ "this one would be 11");
		}
	}

	@Test
	void anEmptyTextIsRefusedAndCountsNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.of("", 0))
			.withMessage("A text cannot be empty");
		assertThat(SmsSegments.count("")).isEqualTo(new Count(Encoding.GSM, 0, 0, 160));
	}

	@Test
	void aReferenceOutsideOneOctetIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.of("hi", 256));
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.of("hi", -1));
	}

	@Test
	void segmentsAreCopiesTheCallerCannotChange() {
		SmsSegments sms = SmsSegments.of("hi", 0);
		sms.segments().get(0)[0] = 'X';

		assertThat(onlySegment(sms)).containsExactly('h', 'i');
	}

	// Decoding what arrives

	@Test
	void aSixteenBitReferenceAndOtherHeaderElementsAreRead() {
		// a 16-bit concatenation element after an unrelated one (port numbers, 0x05)
		byte[] message = { 12, 0x05, 4, 0x0B, (byte) 0x84, 0x23, (byte) 0xF0, 0x08, 4, 0x12, 0x34, 3, 2, 'h', 'i' };

		assertThat(SmsSegments.udh(message)).contains(new Concat(0x1234, 3, 2));
		assertThat(SmsSegments.decode((byte) 0x00, message, true)).isEqualTo("hi");
	}

	@Test
	void aMeaninglessConcatenationElementIsIgnored() {
		assertThat(SmsSegments.udh(new byte[] { 5, 0, 3, 1, 2, 3 })).isEmpty();
		assertThat(SmsSegments.udh(new byte[] { 5, 0, 3, 1, 0, 0 })).isEmpty();
		assertThat(SmsSegments.udh(new byte[] { 0, 'h' })).isEmpty();
	}

	@Test
	void aHeaderLongerThanTheMessageIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.udh(new byte[] { 5, 0, 3, 1 }));
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.udh(new byte[] { 3, 0, 3, 1 }));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsSegments.decode((byte) 0x08, new byte[] { 9, 0, 'a' }, true));
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.decode((byte) 0x00, new byte[0], true));
	}

	@Test
	void otherDataCodingsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsSegments.decode((byte) 0x04, new byte[] { 1 }, false))
			.withMessageContaining("0x04");
	}

	@Test
	void strayEscapesAndOctetsFromAHandsetStillDecode() {
		// an escape at the end and before a code the extension table lacks read as TS
		// 23.038 says; an octet over 0x7F is not a septet
		assertThat(SmsSegments.decode((byte) 0x00, new byte[] { 'a', 0x1B }, false)).isEqualTo("a ");
		assertThat(SmsSegments.decode((byte) 0x00, new byte[] { 0x1B, 'a' }, false)).isEqualTo("a");
		assertThat(SmsSegments.decode((byte) 0x00, new byte[] { (byte) 0x80 }, false)).isEqualTo("\uFFFD");
	}

	@Test
	void aSurrogatePairAHandsetSplitJoinsWhenTheSegmentsAreConcatenated() {
		String first = SmsSegments.decode((byte) 0x08, new byte[] { 0, 'a', (byte) 0xD8, 0x3D }, false);
		String second = SmsSegments.decode((byte) 0x08, new byte[] { (byte) 0xDE, 0x00 }, false);

		assertThat(first + second).isEqualTo("a" + GRINNING_FACE);
		assertThat(SmsSegments.decode((byte) 0x08, new byte[] { 0, 'a', 0 }, false)).isEqualTo("a\uFFFD");
	}

	// Random texts

	@Test
	void randomTextsSplitWithinTheLimitsAndReassembleExactly() {
		Random random = new Random(SEED);
		int sent = 0;
		for (int n = 0; n < TEXTS; n++) {
			String text = randomText(random);
			int ref = random.nextInt(256);
			Count count = SmsSegments.count(text);
			boolean gsm = text.chars().allMatch(c -> GSM_SEPTETS.containsKey((char) c));
			int units = gsm ? text.chars().map(c -> GSM_SEPTETS.get((char) c)).sum() : text.length();
			// described lazily: escaping every text up front would cost more than the
			// checks
			Supplier<String> as = () -> "seed %d, text %s".formatted(SEED, escaped(text));

			assertThat(count.encoding()).as(as).isEqualTo(gsm ? Encoding.GSM : Encoding.UCS2);
			assertThat(count.units()).as(as).isEqualTo(units);
			assertThat(count.perSegment()).as(as)
				.isEqualTo(gsm ? (count.segments() > 1 ? 153 : 160) : (count.segments() > 1 ? 67 : 70));
			assertThat(count.segments()).as(as).isEqualTo((units <= (gsm ? 160 : 70)) ? 1 : fewestSegments(text, gsm));
			if (!count.fits()) {
				assertThatThrownBy(() -> SmsSegments.of(text, ref)).as(as)
					.isInstanceOfSatisfying(TooLong.class,
							tooLong -> assertThat(tooLong.segments()).as(as).isEqualTo(count.segments()));
				continue;
			}
			sent++;
			SmsSegments sms = SmsSegments.of(text, ref);
			List<byte[]> segments = sms.segments();
			int total = segments.size();

			assertThat(total).as(as).isEqualTo(count.segments());
			assertThat(sms.encoding()).as(as).isEqualTo(count.encoding());
			assertThat(sms.dataCoding()).as(as).isEqualTo(gsm ? (byte) 0x00 : (byte) 0x08);
			assertThat(sms.udhi()).as(as).isEqualTo(total > 1);
			assertThat(sms.esmClass()).as(as).isEqualTo(total > 1 ? (byte) 0x40 : (byte) 0);
			for (int i = 0; i < total; i++) {
				byte[] segment = segments.get(i);
				int index = i + 1;
				Supplier<String> part = () -> "%s, segment %d".formatted(as.get(), index);
				int header = (total > 1) ? 6 : 0;
				if (total > 1) {
					assertThat(segment).as(part).startsWith(5, 0, 3, ref, total, i + 1);
					assertThat(SmsSegments.udh(segment)).as(part).contains(new Concat(ref, total, i + 1));
				}
				byte[] payload = Arrays.copyOfRange(segment, header, segment.length);
				int used = gsm ? payload.length : payload.length / 2;
				assertThat(used).as(part).isPositive().isLessThanOrEqualTo(count.perSegment());
				// SMPP allows 254 octets of short_message; the air interface 140 octets
				// of user data
				assertThat(segment.length).as(part).isLessThanOrEqualTo(254);
				assertThat(octetsOnAir(segment.length, header, gsm)).as(part).isLessThanOrEqualTo(140);
				String decoded = SmsSegments.decode(sms.dataCoding(), segment, total > 1);
				if (gsm) {
					assertThat(IntStream.range(0, payload.length).map(at -> payload[at])).as(part)
						.allMatch(octet -> octet >= 0);
					assertThat(payload[payload.length - 1]).as(part).isNotEqualTo((byte) 0x1B);
				}
				else {
					assertThat(payload.length % 2).as(part).isZero();
					assertThat(Character.isHighSurrogate(decoded.charAt(decoded.length() - 1))).as(part).isFalse();
					assertThat(Character.isLowSurrogate(decoded.charAt(0))).as(part).isFalse();
				}
			}
			assertThat(reassembled(segments, sms.dataCoding(), random)).as(as).isEqualTo(text);
		}
		assertThat(sent).as("seed %d: texts short enough to send", SEED).isGreaterThan(TEXTS / 2);
	}

	/** Decodes the segments in a shuffled order after sorting them by their headers. */
	static String reassembled(List<byte[]> segments, byte dataCoding, Random random) {
		boolean udhi = segments.size() > 1;
		List<byte[]> arrived = new ArrayList<>(segments);
		Collections.shuffle(arrived, random);
		if (udhi) {
			arrived.sort(Comparator.comparingInt(segment -> SmsSegments.udh(segment).orElseThrow().index()));
		}
		StringBuilder text = new StringBuilder();
		arrived.forEach(segment -> text.append(SmsSegments.decode(dataCoding, segment, udhi)));
		return text.toString();
	}

	/**
	 * Octets the segment takes in the air interface's TP-UD: GSM septets are packed seven
	 * bits each, after a header padded to a septet boundary (3GPP TS 23.040, 9.2.3.24).
	 */
	static int octetsOnAir(int octets, int header, boolean gsm) {
		if (!gsm) {
			return octets;
		}
		int headerBits = (header == 0) ? 0 : ((header * 8 + 6) / 7) * 7;
		return (headerBits + (octets - header) * 7 + 7) / 8;
	}

	/**
	 * The segments a concatenated text needs when each holds as many whole characters as
	 * fit, counted independently of the code under test.
	 */
	static int fewestSegments(String text, boolean gsm) {
		int limit = gsm ? 153 : 67;
		int segments = 1;
		int used = 0;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			int cost = gsm ? GSM_SEPTETS.get(text.charAt(i)) : Character.charCount(text.codePointAt(i));
			if (used + cost > limit) {
				segments++;
				used = 0;
			}
			used += cost;
		}
		return segments;
	}

	static final String ASCII = IntStream.rangeClosed(0x20, 0x7E)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
		.toString();

	static final String EXTENSION_CHARACTERS = "^{}\\[~]|\u20AC\f";

	// é ü Ñ è ù ì ò Ç Ø ø Å å Æ æ ß É Ä Ö Ü § ¿ ä ö ñ à ¡ £ ¥ ¤
	static final String LATIN_1_IN_GSM = "\u00E9\u00FC\u00D1\u00E8\u00F9\u00EC\u00F2\u00C7\u00D8\u00F8\u00C5\u00E5"
			+ "\u00C6\u00E6\u00DF\u00C9\u00C4\u00D6\u00DC\u00A7\u00BF\u00E4\u00F6\u00F1\u00E0\u00A1\u00A3\u00A5\u00A4";

	// Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ
	static final String GREEK_IN_GSM = "\u0394\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E";

	static final Set<Integer> NEAR_LIMITS = Set.of(70, 134, 153, 160, 201, 306, 459, 670, 765);

	/**
	 * A text of 1 to 800 UTF-16 units: mostly GSM characters, sometimes with one other
	 * character in it, sometimes everything mixed; a third of the lengths lie near the
	 * segment limits, where mistakes hide.
	 */
	static String randomText(Random random) {
		List<Integer> limits = List.copyOf(NEAR_LIMITS);
		int length = (random.nextInt(3) == 0)
				? Math.max(1, limits.get(random.nextInt(limits.size())) + random.nextInt(7) - 3)
				: 1 + random.nextInt(800);
		int kind = random.nextInt(3);
		StringBuilder text = new StringBuilder();
		while (text.length() < length) {
			text.appendCodePoint((kind == 2) ? anyCharacter(random) : gsmCharacter(random));
		}
		if (kind == 1) {
			int at = random.nextInt(text.length());
			if (!Character.isLowSurrogate(text.charAt(at))) {
				text.insert(at, Character.toChars(otherCharacter(random)));
			}
		}
		return text.toString();
	}

	static int gsmCharacter(Random random) {
		return switch (random.nextInt(10)) {
			case 0 -> pick(EXTENSION_CHARACTERS, random);
			case 1 -> pick(LATIN_1_IN_GSM, random);
			case 2 -> pick(GREEK_IN_GSM, random);
			case 3 -> pick("\n\r @_$", random);
			default -> pick(ASCII.replace("`", ""), random);
		};
	}

	static int anyCharacter(Random random) {
		return (random.nextInt(4) == 0) ? otherCharacter(random) : gsmCharacter(random);
	}

	/** A character outside GSM: backtick, another BMP character, or one beyond it. */
	static int otherCharacter(Random random) {
		return switch (random.nextInt(4)) {
			case 0 -> '`';
			case 1 -> 0x1F300 + random.nextInt(0x700);
			case 2 -> 0x10000 + random.nextInt(0x100000);
			default -> {
				int c;
				do {
					c = 0x100 + random.nextInt(0xD800 - 0x100);
				}
				while (GSM_SEPTETS.containsKey((char) c));
				yield c;
			}
		};
	}

	static int pick(String characters, Random random) {
		return characters.charAt(random.nextInt(characters.length()));
	}

	static byte[] onlySegment(SmsSegments sms) {
		assertThat(sms.size()).isEqualTo(1);
		return sms.segments().get(0);
	}

	static String escaped(String text) {
		StringBuilder escaped = new StringBuilder("\"");
		text.codePoints()
			.forEach(c -> escaped
				.append((c >= 0x20 && c < 0x7F && c != '\\') ? Character.toString(c) : "\\u{%X}".formatted(c)));
		return escaped.append('"').toString();
	}

}

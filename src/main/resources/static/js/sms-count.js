// How a text will go out as SMS, counted by the rules of the server's SmsSegments so that the page and the
// server agree. A text whose every character is in the GSM 7-bit default alphabet or its extension table goes
// as GSM: 160 septets in one text, 153 per part when concatenated, an extension character taking two. Any other
// text goes as UCS-2: 70 UTF-16 units, or 67 per part. An escape pair or a surrogate pair (an emoji) is never
// split between parts, so a part may end short of its limit.
//
// Any textarea[data-sms-count] shows its count, on each input, in the element whose id that attribute names.

// 3GPP TS 23.038's default alphabet by septet (without the escape at 0x1B) and extension table. Non-ASCII
// characters are escaped: look-alikes such as the increment sign for Greek capital delta are easy to miss.
const DEFAULT_ALPHABET = new Set(
  '@\u00A3$\u00A5\u00E8\u00E9\u00F9\u00EC\u00F2\u00C7\n\u00D8\u00F8\r\u00C5\u00E5' +
    '\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039E\u00C6\u00E6\u00DF\u00C9' +
    ' !"#\u00A4%&\'()*+,-./0123456789:;<=>?' +
    '\u00A1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00C4\u00D6\u00D1\u00DC\u00A7' +
    '\u00BFabcdefghijklmnopqrstuvwxyz\u00E4\u00F6\u00F1\u00FC\u00E0',
);
const EXTENSION = new Set('\f^{}\\[~]|\u20AC');
const MAX_SEGMENTS = 10;

/** {encoding: 'GSM' | 'UCS-2', segments, units (septets or UTF-16 units), perSegment}; '' counts 0 segments. */
export function count(text) {
  // Iterating a string yields whole characters: a surrogate pair comes as one string of length 2.
  const characters = [...text];
  const gsm = characters.every((c) => DEFAULT_ALPHABET.has(c) || EXTENSION.has(c));
  const [single, concatenated] = gsm ? [160, 153] : [70, 67];
  let units = 0;
  let segments = 1;
  let used = 0;
  for (const c of characters) {
    const cost = gsm ? (EXTENSION.has(c) ? 2 : 1) : c.length;
    if (used + cost > concatenated) {
      segments += 1;
      used = 0;
    }
    used += cost;
    units += cost;
  }
  if (units <= single) {
    segments = units === 0 ? 0 : 1;
  }
  return { encoding: gsm ? 'GSM' : 'UCS-2', segments, units, perSegment: segments > 1 ? concatenated : single };
}

function describe({ encoding, segments, units, perSegment }) {
  const texts = `${segments} ${segments === 1 ? 'text' : 'texts'}`;
  const name = encoding === 'GSM' ? 'GSM' : 'UCS-2 (Unicode)';
  const room = Math.max(segments, 1) * perSegment;
  const tooLong = segments > MAX_SEGMENTS ? ` · too long: at most ${MAX_SEGMENTS} texts` : '';
  return `${texts} · ${name} · ${units} of ${room} characters${tooLong}`;
}

// Outside a browser (a test importing count) there is no page to enhance.
if (typeof document !== 'undefined') {
  for (const area of document.querySelectorAll('textarea[data-sms-count]')) {
    const output = document.getElementById(area.dataset.smsCount);
    if (output) {
      const update = () => {
        output.textContent = describe(count(area.value));
      };
      area.addEventListener('input', update);
      update();
    }
  }
}

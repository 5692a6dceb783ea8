package org.haven.shared.image;

/**
 * The EXIF orientation (tag 0x0112 of IFD0) of a JPEG, read from the raw bytes: the
 * picture is re-encoded without its metadata, so a camera's "rotate this when showing it"
 * must be applied to the pixels first. Anything malformed reads as 1 (as stored): a bad
 * tag costs a sideways picture, never a refusal.
 */
final class ExifOrientation {

	private ExifOrientation() {
	}

	static int of(byte[] jpeg) {
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
				at += 2;
				continue;
			}
			if (marker == 0xDA || marker == 0xD9) {
				// Start of scan: the metadata segments are all before it.
				return 1;
			}
			int length = u16(jpeg, at + 2, false);
			if (length < 2 || at + 2 + length > jpeg.length) {
				return 1;
			}
			if (marker == 0xE1 && length >= 8 && startsWithExif(jpeg, at + 4)) {
				return fromTiff(jpeg, at + 10, at + 2 + length);
			}
			at += 2 + length;
		}
		return 1;
	}

	private static boolean startsWithExif(byte[] b, int at) {
		return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
				&& b[at + 5] == 0;
	}

	private static int fromTiff(byte[] b, int tiff, int end) {
		if (tiff + 8 > end) {
			return 1;
		}
		boolean little;
		if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
			little = true;
		}
		else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
			little = false;
		}
		else {
			return 1;
		}
		long ifd = u32(b, tiff + 4, little);
		if (ifd < 8 || tiff + ifd + 2 > end) {
			return 1;
		}
		int entries = tiff + (int) ifd;
		int count = u16(b, entries, little);
		for (int i = 0; i < count; i++) {
			int entry = entries + 2 + 12 * i;
			if (entry + 12 > end) {
				return 1;
			}
			if (u16(b, entry, little) == 0x0112) {
				// Type SHORT, count 1: the value sits in the first two bytes of the value
				// field.
				int value = u16(b, entry + 8, little);
				return value >= 1 && value <= 8 ? value : 1;
			}
		}
		return 1;
	}

	private static int u16(byte[] b, int at, boolean little) {
		int first = b[at] & 0xFF;
		int second = b[at + 1] & 0xFF;
		return little ? first | second << 8 : first << 8 | second;
	}

	private static long u32(byte[] b, int at, boolean little) {
		long high = u16(b, at + (little ? 2 : 0), little);
		long low = u16(b, at + (little ? 0 : 2), little);
		return high << 16 | low;
	}

}

package org.haven.shared.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import org.haven.shared.image.PictureRejected.Reason;
import org.haven.shared.image.Pictures.Format;
import org.haven.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Re-encoding without the Spring context: what comes out of a picture, and what is
 * refused before decoding.
 */
class PicturesTests {

	static final Pictures.Limits LIMITS = new Pictures.Limits(Set.of(Format.JPEG, Format.PNG, Format.GIF), 12_000,
			40_000_000, 2048);

	@Test
	void aGeotaggedJpegComesOutUprightWithNothingButItsPixels() {
		byte[] upload = TestImages.geotaggedJpeg(60, 30, 6, "secret-place");
		assertThat(ExifOrientation.of(upload)).isEqualTo(6);
		assertThat(TestImages.jpegMarkers(upload)).contains(0xE1, 0xFE);

		Pictures.Clean clean = Pictures.reencode(upload, LIMITS);

		assertThat(clean.mediaType()).isEqualTo("image/jpeg");
		assertThat(TestImages.jpegMarkers(clean.bytes())).doesNotContain(0xE1, 0xE2, 0xED, 0xFE).startsWith(0xE0);
		assertThat(new String(clean.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif")
			.doesNotContain("secret-place")
			.doesNotContain("xmpmeta");
		BufferedImage image = TestImages.read(clean.bytes());
		assertThat(image.getWidth()).isEqualTo(30);
		assertThat(image.getHeight()).isEqualTo(60);
		assertThat(clean.width()).isEqualTo(30);
		// Turned a quarter clockwise: what the sensor had on the left is now at the top.
		assertThat(colour(image, 15, 5)).isEqualTo("red");
		assertThat(colour(image, 15, 55)).isEqualTo("blue");
	}

	@ParameterizedTest(name = "orientation {0}")
	@CsvSource({ "1, 60, 30, red, blue, left", "2, 60, 30, blue, red, left", "3, 60, 30, blue, red, left",
			"4, 60, 30, red, blue, left", "5, 30, 60, red, blue, top", "6, 30, 60, red, blue, top",
			"7, 30, 60, blue, red, top", "8, 30, 60, blue, red, top" })
	void everyExifOrientationIsAppliedToThePixels(int orientation, int width, int height, String first, String second,
			String side) {
		BufferedImage image = TestImages
			.read(Pictures.reencode(TestImages.geotaggedJpeg(60, 30, orientation, "x"), LIMITS).bytes());
		assertThat(image.getWidth()).isEqualTo(width);
		assertThat(image.getHeight()).isEqualTo(height);
		boolean left = side.equals("left");
		assertThat(colour(image, left ? 5 : 15, left ? 15 : 5)).isEqualTo(first);
		assertThat(colour(image, left ? 55 : 15, left ? 15 : 55)).isEqualTo(second);
	}

	@Test
	void theOrientationIsReadInEitherByteOrderAndAMalformedTagLeavesThePictureAsStored() {
		// "II": the little-endian TIFF many Android cameras write; one IFD0 entry,
		// Orientation = 6.
		byte[] little = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0, 'I', 'I',
				42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF,
				(byte) 0xDA };
		assertThat(ExifOrientation.of(little)).isEqualTo(6);
		byte[] outOfRange = little.clone();
		outOfRange[30] = 9;
		assertThat(ExifOrientation.of(outOfRange)).isEqualTo(1);
		byte[] cut = Arrays.copyOf(little, 26);
		assertThat(ExifOrientation.of(cut)).isEqualTo(1);
		assertThat(ExifOrientation.of(TestImages.jpeg(10, 10))).isEqualTo(1);
	}

	@Test
	void aPolyglotComesOutAsAPictureWithNothingAppended() {
		for (byte[] picture : new byte[][] { TestImages.jpeg(40, 30), TestImages.png(40, 30) }) {
			byte[] upload = TestImages.polyglot(picture);
			byte[] clean = Pictures.reencode(upload, LIMITS).bytes();
			String text = new String(clean, StandardCharsets.ISO_8859_1);
			assertThat(text).doesNotContain("<script").doesNotContain("PK\u0003\u0004").doesNotContain("payload.txt");
			if (clean[0] == (byte) 0xFF) {
				assertThat(clean[clean.length - 2] & 0xFF).isEqualTo(0xFF);
				assertThat(clean[clean.length - 1] & 0xFF).as("ends with the end-of-image marker").isEqualTo(0xD9);
			}
			else {
				assertThat(TestImages.pngChunks(clean)).last().isEqualTo("IEND");
			}
			assertThat(TestImages.read(clean).getWidth()).isEqualTo(40);
		}
	}

	@Test
	void aPngWithTextAndAGifBecomeBarePngs() {
		byte[] fromPng = Pictures.reencode(TestImages.pngWithText(30, 20, "taken-at-home"), LIMITS).bytes();
		assertThat(TestImages.pngChunks(fromPng)).containsOnly("IHDR", "IDAT", "IEND");
		Pictures.Clean fromGif = Pictures.reencode(TestImages.gif(30, 20), LIMITS);
		assertThat(fromGif.mediaType()).isEqualTo("image/png");
		assertThat(TestImages.pngChunks(fromGif.bytes())).containsOnly("IHDR", "IDAT", "IEND");
	}

	@Test
	void aCanvasBeyondTheLimitsIsRefusedFromItsHeader() {
		assertThatThrownBy(() -> Pictures.reencode(TestImages.pngClaiming(100_000, 100_000), LIMITS))
			.isInstanceOfSatisfying(PictureRejected.class,
					r -> assertThat(r)
						.extracting(PictureRejected::reason, PictureRejected::width, PictureRejected::height)
						.containsExactly(Reason.TOO_LARGE, 100_000, 100_000));
		// Within each side, beyond the pixel count: 10,000 x 5,000 is 50 megapixels.
		assertThatThrownBy(() -> Pictures.reencode(TestImages.pngClaiming(10_000, 5_000), LIMITS))
			.isInstanceOfSatisfying(PictureRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE));
		assertThatThrownBy(() -> Pictures.reencode(TestImages.pngClaiming(12_001, 10), LIMITS))
			.isInstanceOfSatisfying(PictureRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE));
	}

	@Test
	void otherFilesAndFormatsTheCallerDoesNotAcceptAreRefused() {
		assertThatThrownBy(() -> Pictures.reencode("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8), LIMITS))
			.isInstanceOfSatisfying(PictureRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.NOT_A_PICTURE));
		Pictures.Limits noGif = new Pictures.Limits(Set.of(Format.JPEG, Format.PNG), 6000, 36_000_000, 512);
		assertThatThrownBy(() -> Pictures.reencode(TestImages.gif(10, 10), noGif))
			.isInstanceOfSatisfying(PictureRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.NOT_A_PICTURE));
		byte[] whole = TestImages.jpeg(200, 100);
		assertThatThrownBy(() -> Pictures.reencode(Arrays.copyOf(whole, whole.length / 2), LIMITS))
			.isInstanceOfSatisfying(PictureRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.UNREADABLE));
	}

	private static String colour(BufferedImage image, int x, int y) {
		Color c = new Color(image.getRGB(x, y));
		if (c.getRed() > 180 && c.getBlue() < 80) {
			return "red";
		}
		if (c.getBlue() > 180 && c.getRed() < 80) {
			return "blue";
		}
		return c.toString();
	}

}

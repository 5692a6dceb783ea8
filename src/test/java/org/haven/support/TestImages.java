package org.haven.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/**
 * Images made in code for upload tests, including the metadata and lies a real upload may
 * carry.
 */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] jpeg(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
	}

	public static byte[] png(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
	}

	public static byte[] gif(int width, int height) {
		return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
	}

	/**
	 * A JPEG with an EXIF (APP1) segment right after the start marker, holding
	 * {@code secret}.
	 */
	public static byte[] jpegWithExif(int width, int height, String secret) {
		byte[] jpeg = jpeg(width, height);
		// "Exif\0\0", then a minimal big-endian TIFF: header, an IFD with no entries,
		// then the secret.
		byte[] tiff = ByteBuffer.allocate(14)
			.put("MM".getBytes(StandardCharsets.US_ASCII))
			.putShort((short) 42)
			.putInt(8)
			.putShort((short) 0)
			.putInt(0)
			.array();
		byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff,
				secret.getBytes(StandardCharsets.US_ASCII));
		byte[] segment = ByteBuffer.allocate(4 + payload.length)
			.put((byte) 0xFF)
			.put((byte) 0xE1)
			.putShort((short) (payload.length + 2))
			.put(payload)
			.array();
		return concat(slice(jpeg, 0, 2), segment, slice(jpeg, 2, jpeg.length));
	}

	/** A PNG with a tEXt chunk holding {@code secret}, after the header chunk. */
	public static byte[] pngWithText(int width, int height, String secret) {
		byte[] png = png(width, height);
		int afterHeader = 8 + 8 + 13 + 4;
		return concat(slice(png, 0, afterHeader),
				chunk("tEXt", ("Comment\0" + secret).getBytes(StandardCharsets.ISO_8859_1)),
				slice(png, afterHeader, png.length));
	}

	/**
	 * A small PNG whose header claims another size: what a decompression bomb looks like
	 * before decoding.
	 */
	public static byte[] pngClaiming(int width, int height) {
		byte[] png = png(8, 8);
		byte[] header = ByteBuffer.allocate(13).put(png, 16, 13).putInt(0, width).putInt(4, height).array();
		return concat(slice(png, 0, 8), chunk("IHDR", header), slice(png, 8 + 8 + 13 + 4, png.length));
	}

	/**
	 * A JPEG as a phone takes it: an EXIF segment with the camera's orientation and a GPS
	 * position (51°30'2"N 0°7'28"W), an XMP packet and a comment, each holding
	 * {@code secret}. The pixels are {@link #halves}, stored as the sensor saw them.
	 */
	public static byte[] geotaggedJpeg(int width, int height, int orientation, String secret) {
		byte[] jpeg = write(halves(width, height), "jpeg");
		ByteBuffer tiff = ByteBuffer.allocate(152);
		tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
		// IFD0 at 8: Orientation, GPSInfo (the GPS IFD at 50), ImageDescription (the
		// secret, at 152).
		tiff.putShort((short) 3);
		tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
		tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(50);
		tiff.putShort((short) 0x010E).putShort((short) 2).putInt(secret.length() + 1).putInt(152);
		tiff.putInt(0);
		// GPS IFD at 50: latitude N and its degrees, minutes, seconds at 104; longitude W
		// and its at 128.
		tiff.putShort((short) 4);
		tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] { 'N', 0, 0, 0 });
		tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(104);
		tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(new byte[] { 'W', 0, 0, 0 });
		tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(128);
		tiff.putInt(0);
		tiff.putInt(51).putInt(1).putInt(30).putInt(1).putInt(2).putInt(1);
		tiff.putInt(0).putInt(1).putInt(7).putInt(1).putInt(28).putInt(1);
		if (tiff.position() != 152) {
			throw new IllegalStateException("EXIF layout off: " + tiff.position());
		}
		tiff = ByteBuffer.allocate(152 + secret.length() + 1)
			.put(tiff.array())
			.put(secret.getBytes(StandardCharsets.US_ASCII))
			.put((byte) 0);
		byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
		byte[] xmp = ("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:Description exif:GPSLatitude=\"51,30.03N\">"
				+ secret + "</rdf:Description></x:xmpmeta>")
			.getBytes(StandardCharsets.UTF_8);
		return concat(slice(jpeg, 0, 2), segment(0xE1, exif), segment(0xE1, xmp),
				segment(0xFE, ("comment " + secret).getBytes(StandardCharsets.UTF_8)), slice(jpeg, 2, jpeg.length));
	}

	/**
	 * A picture whose left half is red and right half blue: where the halves end up shows
	 * how it was turned.
	 */
	public static BufferedImage halves(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.RED);
		graphics.fillRect(0, 0, width / 2, height);
		graphics.setColor(Color.BLUE);
		graphics.fillRect(width / 2, 0, width - width / 2, height);
		graphics.dispose();
		return image;
	}

	/**
	 * A valid picture followed by an HTML page with a script and a ZIP archive: what a
	 * polyglot upload looks like.
	 */
	public static byte[] polyglot(byte[] picture) {
		byte[] html = "<!DOCTYPE html><html><body><script>alert('polyglot')</script></body></html>"
			.getBytes(StandardCharsets.US_ASCII);
		// A ZIP local file header for "payload.txt" (stored, no compression), then its
		// end of central directory.
		byte[] zip = concat(new byte[] { 'P', 'K', 3, 4, 10, 0, 0, 0, 0, 0 }, new byte[16], new byte[] { 11, 0, 0, 0 },
				"payload.txt".getBytes(StandardCharsets.US_ASCII), new byte[] { 'P', 'K', 5, 6 }, new byte[18]);
		return concat(picture, html, zip);
	}

	/**
	 * The markers of a JPEG's segments before its image data (0xE1 is EXIF or XMP, 0xFE a
	 * comment).
	 */
	public static List<Integer> jpegMarkers(byte[] jpeg) {
		List<Integer> markers = new ArrayList<>();
		int at = 2;
		while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
			int marker = jpeg[at + 1] & 0xFF;
			markers.add(marker);
			if (marker == 0xDA) {
				break;
			}
			at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | (jpeg[at + 3] & 0xFF));
		}
		return markers;
	}

	/** The chunk types of a PNG in order, and whether anything follows its IEND chunk. */
	public static List<String> pngChunks(byte[] png) {
		List<String> chunks = new ArrayList<>();
		int at = 8;
		while (at + 8 <= png.length) {
			int length = ByteBuffer.wrap(png, at, 4).getInt();
			String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
			chunks.add(type);
			at += 12 + length;
			if (type.equals("IEND")) {
				if (at != png.length) {
					chunks.add("(" + (png.length - at) + " bytes after IEND)");
				}
				break;
			}
		}
		return chunks;
	}

	public static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedImage picture(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 80)));
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.WHITE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		return image;
	}

	private static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] segment(int marker, byte[] payload) {
		return ByteBuffer.allocate(4 + payload.length)
			.put((byte) 0xFF)
			.put((byte) marker)
			.putShort((short) (payload.length + 2))
			.put(payload)
			.array();
	}

	private static byte[] chunk(String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length)
			.putInt(data.length)
			.put(typeBytes)
			.put(data)
			.putInt((int) crc.getValue())
			.array();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		return Arrays.copyOfRange(bytes, from, to);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}

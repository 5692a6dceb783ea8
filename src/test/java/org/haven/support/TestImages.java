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
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images made in code for upload tests, including the metadata and lies a real upload may carry. */
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

	/** A JPEG with an EXIF (APP1) segment right after the start marker, holding {@code secret}. */
	public static byte[] jpegWithExif(int width, int height, String secret) {
		byte[] jpeg = jpeg(width, height);
		// "Exif\0\0", then a minimal big-endian TIFF: header, an IFD with no entries, then the secret.
		byte[] tiff = ByteBuffer.allocate(14).put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8)
			.putShort((short) 0).putInt(0).array();
		byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff, secret.getBytes(StandardCharsets.US_ASCII));
		byte[] segment = ByteBuffer.allocate(4 + payload.length).put((byte) 0xFF).put((byte) 0xE1)
			.putShort((short) (payload.length + 2)).put(payload).array();
		return concat(slice(jpeg, 0, 2), segment, slice(jpeg, 2, jpeg.length));
	}

	/** A PNG with a tEXt chunk holding {@code secret}, after the header chunk. */
	public static byte[] pngWithText(int width, int height, String secret) {
		byte[] png = png(width, height);
		int afterHeader = 8 + 8 + 13 + 4;
		return concat(slice(png, 0, afterHeader), chunk("tEXt", ("Comment\0" + secret).getBytes(StandardCharsets.ISO_8859_1)),
				slice(png, afterHeader, png.length));
	}

	/** A small PNG whose header claims another size: what a decompression bomb looks like before decoding. */
	public static byte[] pngClaiming(int width, int height) {
		byte[] png = png(8, 8);
		byte[] header = ByteBuffer.allocate(13).put(png, 16, 13).putInt(0, width).putInt(4, height).array();
		return concat(slice(png, 0, 8), chunk("IHDR", header), slice(png, 8 + 8 + 13 + 4, png.length));
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

	private static byte[] chunk(String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		return java.util.Arrays.copyOfRange(bytes, from, to);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}
}

package org.haven.directory.internal;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded file into a profile photo Haven is willing to keep and serve. The type comes from the
 * file's first bytes, never from its name or the browser's Content-Type, and only the matching ImageIO
 * reader sees it, so a GIF, SVG or HTML file cannot slip through as "image/jpeg". The image is drawn
 * afresh into a new pixel buffer and written out again: whatever else the upload carried (EXIF with GPS
 * position, comments, trailing data, a polyglot payload) is not copied.
 */
final class PhotoImages {

	static final long MAX_BYTES = 2L * 1024 * 1024;
	/** Larger sides are refused before decoding: a small file can claim a huge canvas (a decompression bomb). */
	static final int MAX_SOURCE_SIDE = 6000;
	static final int MAX_SIDE = 512;

	private static final float JPEG_QUALITY = 0.85f;

	enum Format {

		JPEG("jpeg", "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),
		PNG("png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });

		private final String imageIoName;
		private final String mediaType;
		private final byte[] magic;

		Format(String imageIoName, String mediaType, byte[] magic) {
			this.imageIoName = imageIoName;
			this.mediaType = mediaType;
			this.magic = magic;
		}

		String mediaType() {
			return mediaType;
		}

		boolean startsWith(byte[] bytes) {
			return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
		}
	}

	/** A re-encoded image, ready to be sealed and stored. */
	record Encoded(String mediaType, byte[] bytes) {
	}

	private PhotoImages() {
	}

	static Encoded reencode(byte[] upload) {
		if (upload == null || upload.length == 0) {
			throw new ProfileRejected("photo", "Choose a photo to upload.");
		}
		if (upload.length > MAX_BYTES) {
			throw tooLarge();
		}
		Format format = sniff(upload).orElseThrow(() -> new ProfileRejected("photo",
				"Upload a JPEG or PNG image. This file is not one, whatever its name says."));
		BufferedImage image = decode(upload, format);
		return new Encoded(format.mediaType(), encode(scaled(image, format == Format.PNG), format));
	}

	static ProfileRejected tooLarge() {
		return new ProfileRejected("photo", "The photo is larger than 2 MB. Choose a smaller one, or save it at a lower size first.");
	}

	static Optional<Format> sniff(byte[] bytes) {
		return Arrays.stream(Format.values()).filter(f -> f.startsWith(bytes)).findFirst();
	}

	private static BufferedImage decode(byte[] bytes, Format format) {
		ImageReader reader = only(ImageIO.getImageReadersByFormatName(format.imageIoName), format);
		// In memory: ImageIO's default stream cache would copy the upload (GPS and all) to a temporary file.
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width > MAX_SOURCE_SIDE || height > MAX_SOURCE_SIDE) {
				throw new ProfileRejected("photo", "The photo is " + width + " by " + height + " pixels. Use one at most "
						+ MAX_SOURCE_SIDE + " pixels wide and high.");
			}
			if (width < 1 || height < 1) {
				throw unreadable();
			}
			// Decode every n-th pixel of a large photo: it is scaled to 512 anyway, and memory stays bounded.
			int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceSubsampling(step, step, 0, 0);
			boolean[] damaged = { false };
			// A truncated JPEG decodes "successfully" with a warning and a grey remainder; refuse it instead.
			reader.addIIOReadWarningListener((source, warning) -> damaged[0] = true);
			BufferedImage image = reader.read(0, param);
			if (damaged[0] || image == null) {
				throw unreadable();
			}
			return image;
		}
		catch (ProfileRejected rejected) {
			throw rejected;
		}
		catch (IOException | RuntimeException ex) {
			// ImageIO's readers answer corrupt input with IIOException and, at times, with runtime exceptions.
			throw unreadable();
		}
		finally {
			reader.dispose();
		}
	}

	private static BufferedImage scaled(BufferedImage source, boolean keepTransparency) {
		double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
		int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
		int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
		BufferedImage target = new BufferedImage(width, height, keepTransparency ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			if (!keepTransparency) {
				graphics.setColor(Color.WHITE);
				graphics.fillRect(0, 0, width, height);
			}
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private static byte[] encode(BufferedImage image, Format format) {
		ImageWriter writer = only(ImageIO.getImageWritersByFormatName(format.imageIoName), format);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (format == Format.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(JPEG_QUALITY);
			}
			// No metadata given: the writer emits only what the format requires (JFIF header, PNG IHDR).
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not encode a " + format + " image", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static <T> T only(Iterator<T> found, Format format) {
		if (!found.hasNext()) {
			throw new IllegalStateException("This Java runtime has no ImageIO support for " + format);
		}
		return found.next();
	}

	private static ProfileRejected unreadable() {
		return new ProfileRejected("photo", "This file could not be read as a photo. Save it again as JPEG or PNG and upload that.");
	}
}

package org.haven.shared.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

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

import org.haven.shared.image.PictureRejected.Reason;

/**
 * Turns an uploaded picture into one Haven is willing to keep and pass on (profile
 * photos, chat and letter pictures). The format comes from the file's first bytes, never
 * from its name or the browser's Content-Type, and only the matching ImageIO reader sees
 * it. The canvas size is read from the header and checked before a single pixel is
 * decoded, so a small file claiming a huge canvas (a decompression bomb) costs nothing.
 * The pixels are then drawn afresh, turned as the camera's EXIF orientation asks, into a
 * new buffer that is encoded again with no metadata at all: EXIF (GPS position, camera,
 * time), XMP, comments, text chunks, colour profiles and anything appended after the
 * image (a polyglot's HTML, ZIP or PDF part) are never copied. Everything happens in
 * memory, never in temporary files.
 */
public final class Pictures {

	private static final float JPEG_QUALITY = 0.85f;

	/** The formats Haven can decode and re-encode with the Java runtime alone. */
	public enum Format {

		JPEG("jpeg", "image/jpeg", new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }),
		PNG("png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A }),
		GIF("gif", "image/gif", new byte[] { 'G', 'I', 'F', '8' });

		private final String imageIoName;

		private final String mediaType;

		private final byte[] magic;

		Format(String imageIoName, String mediaType, byte[] magic) {
			this.imageIoName = imageIoName;
			this.mediaType = mediaType;
			this.magic = magic;
		}

		public String mediaType() {
			return mediaType;
		}

		boolean startsWith(byte[] bytes) {
			return bytes.length >= magic.length && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
		}

	}

	/**
	 * What a caller accepts and keeps.
	 *
	 * @param maxSourceSide longer sides are refused before decoding
	 * @param maxSourcePixels larger canvases (width times height) are refused before
	 * decoding
	 * @param maxSide the kept picture is scaled down to fit this side; never enlarged
	 */
	public record Limits(Set<Format> formats, int maxSourceSide, long maxSourcePixels, int maxSide) {
	}

	/**
	 * A re-encoded picture: JPEG stays JPEG; PNG and GIF become PNG (an animated GIF
	 * keeps its first frame).
	 */
	public record Clean(String mediaType, byte[] bytes, int width, int height) {
	}

	private Pictures() {
	}

	/** The format of the first bytes, among all Haven can re-encode. */
	public static Optional<Format> sniff(byte[] bytes) {
		return Arrays.stream(Format.values()).filter(f -> f.startsWith(bytes)).findFirst();
	}

	/**
	 * @throws PictureRejected for a file that is not an accepted picture, too large a
	 * canvas, or unreadable
	 */
	public static Clean reencode(byte[] upload, Limits limits) {
		Format format = sniff(upload).filter(limits.formats()::contains)
			.orElseThrow(() -> new PictureRejected(Reason.NOT_A_PICTURE));
		int orientation = format == Format.JPEG ? ExifOrientation.of(upload) : 1;
		BufferedImage decoded = decode(upload, format, limits);
		boolean transparent = format != Format.JPEG && decoded.getColorModel().hasAlpha();
		BufferedImage drawn = redrawn(decoded, orientation, limits.maxSide(), transparent);
		Format written = format == Format.JPEG ? Format.JPEG : Format.PNG;
		return new Clean(written.mediaType(), encode(drawn, written), drawn.getWidth(), drawn.getHeight());
	}

	private static BufferedImage decode(byte[] bytes, Format format, Limits limits) {
		ImageReader reader = only(ImageIO.getImageReadersByFormatName(format.imageIoName), format);
		// In memory: ImageIO's default stream cache would copy the upload (GPS and all)
		// to a temporary file.
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			// Metadata ignored: it is never read, so a crafted EXIF or text chunk cannot
			// trouble the reader.
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width < 1 || height < 1) {
				throw new PictureRejected(Reason.UNREADABLE);
			}
			if (width > limits.maxSourceSide() || height > limits.maxSourceSide()
					|| (long) width * height > limits.maxSourcePixels()) {
				throw new PictureRejected(Reason.TOO_LARGE, width, height);
			}
			// Decode every n-th pixel of a large picture: it is scaled down anyway, and
			// memory stays below (2 x maxSide)².
			int step = Math.max(1, Math.max(width, height) / limits.maxSide());
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceSubsampling(step, step, 0, 0);
			boolean[] damaged = { false };
			// A truncated JPEG decodes "successfully" with a warning and a grey
			// remainder; refuse it instead.
			reader.addIIOReadWarningListener((source, warning) -> damaged[0] = true);
			BufferedImage image = reader.read(0, param);
			if (damaged[0] || image == null) {
				throw new PictureRejected(Reason.UNREADABLE);
			}
			return image;
		}
		catch (PictureRejected rejected) {
			throw rejected;
		}
		catch (IOException | RuntimeException ex) {
			// ImageIO's readers answer corrupt input with IIOException and, at times,
			// with runtime exceptions.
			throw new PictureRejected(Reason.UNREADABLE);
		}
		finally {
			reader.dispose();
		}
	}

	/**
	 * Scaled to fit {@code maxSide} and turned upright as EXIF orientation 1 to 8 asks.
	 */
	static BufferedImage redrawn(BufferedImage source, int orientation, int maxSide, boolean transparent) {
		double factor = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
		int width = Math.max(1, (int) Math.round(source.getWidth() * factor));
		int height = Math.max(1, (int) Math.round(source.getHeight() * factor));
		boolean sideways = orientation >= 5;
		BufferedImage target = new BufferedImage(sideways ? height : width, sideways ? width : height,
				transparent ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = target.createGraphics();
		try {
			if (!transparent) {
				graphics.setColor(Color.WHITE);
				graphics.fillRect(0, 0, target.getWidth(), target.getHeight());
			}
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.transform(upright(orientation, width, height));
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	/**
	 * Maps a stored point (x, y) of a w x h picture to where it is shown (EXIF 2.32, tag
	 * 0x0112).
	 */
	private static AffineTransform upright(int orientation, int w, int h) {
		return switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored left to right
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored top to bottom
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned a quarter
																// clockwise
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turned a quarter
																// anticlockwise
			default -> new AffineTransform();
		};
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
			// No metadata given: the writer emits only what the format requires (JFIF
			// header, PNG IHDR).
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

}

package org.haven.directory.internal;

import org.haven.shared.web.Refusal;

import java.util.Set;

import org.haven.shared.image.PictureRejected;
import org.haven.shared.image.Pictures;
import org.haven.shared.image.Pictures.Format;

/**
 * Turns an uploaded file into a profile photo Haven is willing to keep and serve: a JPEG
 * or PNG, re-encoded by {@link Pictures} (no metadata, nothing appended, upright) at most
 * 512 pixels a side. GIF, SVG, HTML and anything else are refused whatever their name
 * says.
 */
final class PhotoImages {

	static final long MAX_BYTES = 2L * 1024 * 1024;

	/**
	 * Larger sides are refused before decoding: a small file can claim a huge canvas (a
	 * decompression bomb).
	 */
	static final int MAX_SOURCE_SIDE = 6000;
	static final int MAX_SIDE = 512;

	private static final Pictures.Limits LIMITS = new Pictures.Limits(Set.of(Format.JPEG, Format.PNG), MAX_SOURCE_SIDE,
			(long) MAX_SOURCE_SIDE * MAX_SOURCE_SIDE, MAX_SIDE);

	/** A re-encoded image, ready to be sealed and stored. */
	record Encoded(String mediaType, byte[] bytes) {
	}

	private PhotoImages() {
	}

	static Encoded reencode(byte[] upload) {
		if (upload == null || upload.length == 0) {
			throw Refusal.of("photo", "Choose a photo to upload.");
		}
		if (upload.length > MAX_BYTES) {
			throw tooLarge();
		}
		try {
			Pictures.Clean clean = Pictures.reencode(upload, LIMITS);
			return new Encoded(clean.mediaType(), clean.bytes());
		}
		catch (PictureRejected rejected) {
			throw switch (rejected.reason()) {
				case NOT_A_PICTURE ->
					Refusal.of("photo", "Upload a JPEG or PNG image. This file is not one, whatever its name says.");
				case TOO_LARGE -> Refusal.of("photo", "The photo is " + rejected.width() + " by " + rejected.height()
						+ " pixels. Use one at most " + MAX_SOURCE_SIDE + " pixels wide and high.");
				case UNREADABLE -> Refusal.of("photo",
						"This file could not be read as a photo. Save it again as JPEG or PNG and upload that.");
			};
		}
	}

	static Refusal tooLarge() {
		return Refusal.of("photo",
				"The photo is larger than 2 MB. Choose a smaller one, or save it at a lower size first.");
	}

}

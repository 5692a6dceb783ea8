package org.haven.shared.image;

/**
 * An upload {@link Pictures} will not turn into a picture. Carries the reason and, for a
 * canvas that is too large, the size the file claims, so that each module can word the
 * refusal for its own form.
 */
public class PictureRejected extends RuntimeException {

	public enum Reason {

		/** The first bytes are not those of a format the caller accepts. */
		NOT_A_PICTURE,
		/**
		 * The header claims more pixels or a longer side than the limits allow (a
		 * decompression bomb, or just too big).
		 */
		TOO_LARGE,
		/**
		 * The format is right but the file is corrupt, truncated or of a kind ImageIO
		 * cannot read.
		 */
		UNREADABLE

	}

	private final Reason reason;

	private final int width;

	private final int height;

	PictureRejected(Reason reason, int width, int height) {
		super(reason + (reason == Reason.TOO_LARGE ? " " + width + "x" + height : ""));
		this.reason = reason;
		this.width = width;
		this.height = height;
	}

	PictureRejected(Reason reason) {
		this(reason, 0, 0);
	}

	public Reason reason() {
		return reason;
	}

	/** The width the file's header claims; 0 unless {@link Reason#TOO_LARGE}. */
	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

}

package org.haven.directory.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Demo mode's stand-in for a therapist's photo: the initials in large type on a soft
 * gradient, drawn at start-up, so the demo directory looks like a real one without a
 * single image file in the repository. No window system is needed (AWT runs headless).
 */
final class DemoPortraits {

	static final int SIDE = 384;

	/** Pairs of calm colours, light to deep; a name always gets the same pair. */
	private static final Color[][] PALETTES = { { new Color(0x8FC1B5), new Color(0x2F6F73) },
			{ new Color(0xB9A8D6), new Color(0x55457F) }, { new Color(0xE6B99A), new Color(0x9A5B3C) },
			{ new Color(0x9DB8DB), new Color(0x2F5684) } };

	private DemoPortraits() {
	}

	/** A PNG portrait of this name. */
	static byte[] png(String displayName) {
		if (System.getProperty("java.awt.headless") == null) {
			System.setProperty("java.awt.headless", "true");
		}
		Color[] palette = PALETTES[Math.floorMod(displayName.hashCode(), PALETTES.length)];
		BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.setPaint(new GradientPaint(0, 0, palette[0], SIDE, SIDE, palette[1]));
			g.fillRect(0, 0, SIDE, SIDE);
			// A soft light from the upper left, as in a portrait.
			g.setPaint(new RadialGradientPaint(SIDE * 0.3f, SIDE * 0.25f, SIDE * 0.8f, new float[] { 0f, 1f },
					new Color[] { new Color(255, 255, 255, 90), new Color(255, 255, 255, 0) }));
			g.fill(new Ellipse2D.Float(-SIDE * 0.5f, -SIDE * 0.55f, SIDE * 1.6f, SIDE * 1.6f));
			String initials = initials(displayName);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, SIDE * 2 / 5));
			// Centred on the letters' own outline, not the line's ascent and descent.
			Rectangle2D outline = g.getFont().createGlyphVector(g.getFontRenderContext(), initials).getVisualBounds();
			float x = (float) ((SIDE - outline.getWidth()) / 2 - outline.getX());
			float y = (float) ((SIDE - outline.getHeight()) / 2 - outline.getY());
			g.setColor(new Color(0, 0, 0, 40));
			g.drawString(initials, x + 3, y + 4);
			g.setColor(new Color(0xFBFAF7));
			g.drawString(initials, x, y);
		}
		finally {
			g.dispose();
		}
		try {
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return png.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first letters of the first and last name, leaving out titles that end in a full
	 * stop and the qualifications after a comma: Robin Reyes is RR.
	 */
	static String initials(String displayName) {
		String name = displayName.split(",", 2)[0].trim();
		List<String> words = new ArrayList<>();
		for (String word : name.split("\\s+")) {
			if (!word.isEmpty() && !word.endsWith(".") && Character.isLetter(word.codePointAt(0))) {
				words.add(word);
			}
		}
		if (words.isEmpty()) {
			return "?";
		}
		String first = words.get(0);
		String last = words.get(words.size() - 1);
		String letters = first.substring(0, first.offsetByCodePoints(0, 1));
		if (words.size() > 1) {
			letters += last.substring(0, last.offsetByCodePoints(0, 1));
		}
		return letters.toUpperCase(Locale.ROOT);
	}

}

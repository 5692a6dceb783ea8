package org.haven.browser.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * The sizes and colour themes a page is looked at in: a desktop (1280 x 800) and a phone
 * (390 x 844, as a mobile viewport), light and dark (the system's
 * {@code prefers-color-scheme}), set through the DevTools protocol so the page lays out
 * as it would on that device; and full-page screenshots of what it shows.
 */
public final class Viewports {

	/** A viewport and a colour theme. */
	public record View(String name, int width, int height, boolean mobile, boolean dark) {

		public String label() {
			return width + "x" + height + (dark ? "-dark" : "");
		}

	}

	public static final View DESKTOP = new View("desktop", 1280, 800, false, false);

	public static final View DESKTOP_DARK = new View("desktop, dark", 1280, 800, false, true);

	public static final View PHONE = new View("phone", 390, 844, true, false);

	public static final View PHONE_DARK = new View("phone, dark", 390, 844, true, true);

	public static final List<View> ALL = List.of(DESKTOP, PHONE, DESKTOP_DARK, PHONE_DARK);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Viewports() {
	}

	public static void show(WebDriver driver, View view) {
		HasCdp cdp = (HasCdp) driver;
		cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", view.width(), "height",
				view.height(), "deviceScaleFactor", 1, "mobile", view.mobile()));
		cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
				List.of(Map.of("name", "prefers-color-scheme", "value", view.dark() ? "dark" : "light"))));
	}

	/** Back to the browser's own window and theme. */
	public static void reset(WebDriver driver) {
		HasCdp cdp = (HasCdp) driver;
		cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		cdp.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
	}

	/**
	 * How far the page reaches past the viewport's right edge, in CSS pixels (0: none).
	 */
	public static long sidewaysOverflow(WebDriver driver) {
		return ((Number) ((JavascriptExecutor) driver)
			.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);"))
			.longValue();
	}

	/**
	 * Facts about the page for before/after comparisons: its height, its DOM elements and
	 * the number of stops the Tab key makes.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, Long> measure(WebDriver driver) {
		return (Map<String, Long>) ((JavascriptExecutor) driver).executeScript("""
				const focusable = [...document.querySelectorAll(
				  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex], summary, video[controls]')]
				  .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0
				    && getComputedStyle(e).visibility !== 'hidden');
				return { height: document.documentElement.scrollHeight, elements: document.querySelectorAll('*').length,
				  tabStops: focusable.length };""");
	}

	/**
	 * The whole page as the view shows it, top to bottom, saved as
	 * {@code target/screenshots/<name>-<view>.png}.
	 */
	public static Path screenshot(WebDriver driver, String name, View view) {
		HasCdp cdp = (HasCdp) driver;
		Number height = (Number) ((JavascriptExecutor) driver)
			.executeScript("return Math.min(document.documentElement.scrollHeight, 16000);");
		Map<String, Object> shot = cdp.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width",
						view.width(), "height", Math.max(view.height(), height.intValue()), "scale", 1)));
		try {
			Path target = SCREENSHOTS.resolve(name + "-" + view.label() + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

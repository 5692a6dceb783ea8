package org.haven.browser.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts the Debian-packaged headless Chromium for browser tests.
 *
 * <p>
 * Both binaries are given by absolute path, so Selenium Manager is never consulted and
 * nothing is downloaded (the machines only reach Maven Central, Debian and npm).
 *
 * <p>
 * Why the flags:
 * <ul>
 * <li>{@code --headless=new}: no display on CI; the "new" headless mode renders like real
 * Chrome.</li>
 * <li>{@code --no-sandbox}: the tests run as root, where Chromium refuses to start
 * sandboxed.</li>
 * <li>{@code --disable-gpu}: there is no GPU; avoids GPU-process start-up failures.</li>
 * <li>{@code --disable-dev-shm-usage}: shared memory goes to /tmp, so a small or odd
 * /dev/shm cannot crash the renderer (Debian's launcher only adds it when its own size
 * check works).</li>
 * <li>{@code --disable-quic}, {@code --disable-background-networking},
 * {@code --disable-component-update}, {@code --disable-sync}, {@code --no-first-run}: no
 * traffic to Google services (there is no internet) and no first-run UI, so start-up is
 * quick and deterministic.</li>
 * <li>{@code --use-fake-device-for-media-stream}, {@code --use-fake-ui-for-media-stream},
 * {@code --allow-loopback-in-peer-connection}: WebRTC video sessions work between two
 * browsers on 127.0.0.1 with a synthetic camera/microphone and no permission prompt.</li>
 * <li>{@code --window-size=1280,1000}: a fixed desktop viewport, so layout and axe's
 * colour-contrast and target-size checks are stable.</li>
 * <li>a fresh temporary {@code --user-data-dir} per browser: no shared profile, cookies
 * or profile lock between browsers running at the same time.</li>
 * </ul>
 */
public final class Browsers {

	public static final String CHROMIUM = "/usr/bin/chromium";

	public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(10);

	private static final List<Path> PROFILES = new CopyOnWriteArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Browsers::deleteProfiles, "browser-profile-cleanup"));
	}

	private Browsers() {
	}

	/** Whether the Debian chromium and chromium-driver packages are installed. */
	public static boolean available() {
		return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
	}

	/** A new headless Chromium; the caller must {@link WebDriver#quit() quit} it. */
	public static WebDriver chromium() {
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER);

		Path profile;
		try {
			profile = Files.createTempDirectory("haven-chromium-");
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create a Chromium profile directory", e);
		}
		PROFILES.add(profile);

		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
				"--allow-loopback-in-peer-connection", "--window-size=1280,1000", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile.toAbsolutePath());
		options.setPageLoadTimeout(PAGE_LOAD_TIMEOUT);

		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();

		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
		return driver;
	}

	private static void deleteProfiles() {
		for (Path profile : PROFILES) {
			try (Stream<Path> paths = Files.walk(profile)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException | UncheckedIOException ignored) {
				// best effort: it is only a temporary directory
			}
		}
	}

}

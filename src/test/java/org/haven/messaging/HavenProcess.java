package org.haven.messaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * Haven from its jar, in a working directory of its own (so ./data is the run's), its
 * output in a log file.
 */
final class HavenProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final long started;

	private final Path log;

	private HavenProcess(Process process, int port, long started, Path log) {
		this.process = process;
		this.port = port;
		this.started = started;
		this.log = log;
	}

	static HavenProcess start(Path jar, Path directory, int port, Map<String, String> env, String name)
			throws IOException {
		Path log = directory.resolve("haven-" + name + ".log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		int smtp = freePort();
		builder.environment()
			.putAll(Map.of("PORT", String.valueOf(port), "HAVEN_BASE_URL", "http://localhost:" + port,
					"HAVEN_DEMO_SMTP_PORT", String.valueOf(smtp), "SPRING_MAIL_PORT", String.valueOf(smtp),
					"HAVEN_DEMO_SMPP_PORT", "0"));
		builder.environment().putAll(env);
		return new HavenProcess(builder.start(), port, System.nanoTime(), log);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until /actuator/health answers UP; returns the milliseconds since the process
	 * started.
	 */
	long awaitHealthy() {
		Awaitility.await("Haven healthy (log: " + log + ")")
			.atMost(Duration.ofSeconds(300))
			.pollInterval(Duration.ofMillis(100))
			.failFast("Haven exited; see " + log, () -> !process.isAlive())
			.until(this::healthy);
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	private boolean healthy() {
		try {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && response.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** SIGKILL, as kill -9; returns the exit code. */
	int kill() throws InterruptedException {
		process.destroyForcibly();
		return process.waitFor();
	}

	void stopIfAlive() throws InterruptedException {
		if (process.isAlive()) {
			stop();
		}
	}

	/** SIGTERM, as a service manager stops it. */
	void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("Haven did not stop within 60 s of SIGTERM; see " + log);
		}
	}

}

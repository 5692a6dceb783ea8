package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.haven.support.Postgres;
import org.haven.support.WebSession;
import org.junit.jupiter.api.Test;

import dev.samstevens.totp.code.DefaultCodeGenerator;

/**
 * Nothing acknowledged is lost in a crash. Haven runs as a separate process, from the
 * packaged jar, as a practice runs it; four client-therapist pairs chat over /ws; the
 * process is killed with SIGKILL in the middle of the stream and started again on the
 * same data; every message not yet acknowledged is sent again under its client id, as the
 * chat page does. Then every conversation is read back: each acknowledged message is
 * there once, under the sequence number its ack gave, and no number went to two messages.
 *
 * <p>
 * Run by failsafe in {@code ./mvnw verify} (the jar exists only after {@code package}),
 * once on the embedded default and once on a PostgreSQL that Haven is pointed at.
 * {@code -Dhaven.jar} runs another build.
 */
class ChatCrashTests {

	static final Path JAR = Path.of(System.getProperty("haven.jar", "target/haven-0.1.0-SNAPSHOT.jar"));
	static final String CLIENT_PASSWORD = "demo-client-passphrase";
	static final String THERAPIST_PASSWORD = "demo-therapist-passphrase";
	static final Map<String, String> TOTP = Map.of("therapist@demo.haven.test", "DEMOTHERAPISTHAVENTOTPSECRETAAAA",
			"therapist2@demo.haven.test", "DEMOTHERAPISTTWOHAVENTOTPSECRETA");
	static final Pattern CONVERSATION = Pattern.compile("/messages/([0-9a-f-]{36})");
	static final Pattern THERAPIST = Pattern.compile("/therapists/([0-9a-f-]{36})\"[^>]*>([^<]+)<");

	/**
	 * 20 messages a second over four pairs: each person sends 5 a second, which their
	 * budget of 20 at once plus 2 a second allows for about 6 s; the kill comes after 60
	 * acknowledgements, about 3 s in.
	 */
	static final int RATE = 20;
	static final int KILL_AFTER_ACKS = 60;

	@Test
	void noAcknowledgedMessageIsLostOnTheEmbeddedDefault() throws Exception {
		Path run = runDirectory("embedded");
		// -Dhaven.crash.datasource-url measures another embedded engine the same way (an
		// older build's H2 file).
		String other = System.getProperty("haven.crash.datasource-url", "");
		CrashRun.Result result = new CrashRun(run, other.isEmpty() ? Map.of() : Map.of("SPRING_DATASOURCE_URL", other))
			.run();
		result.print("embedded default");
		result.assertNothingLost();
		// Stopped normally, Haven stops its PostgreSQL too: nothing is left running on
		// the data directory.
		assertThat(run.resolve("data/postgresql/postmaster.pid")).doesNotExist();
	}

	@Test
	void noAcknowledgedMessageIsLostOnPostgreSql() throws Exception {
		Path run = runDirectory("postgresql");
		Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", Postgres.freshDatabase(),
				"SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "postgres", "HAVEN_DEMO_MODE",
				"on", "HAVEN_DEMO_ALLOW_POSTGRES", "true");
		CrashRun.Result result = new CrashRun(run, env).run();
		result.print("PostgreSQL");
		result.assertNothingLost();
	}

	private static Path runDirectory(String name) throws IOException {
		Path run = Path.of("target", "crash", name + "-" + System.currentTimeMillis()).toAbsolutePath();
		Files.createDirectories(run);
		return run;
	}

	/** One run: start, chat, kill, start again, resend, read back. */
	static final class CrashRun {

		private final Path directory;

		private final Map<String, String> env;

		private final int port = freePort();

		private final Map<String, WebSession> people = new LinkedHashMap<>();

		/** conversation -> client's and therapist's email */
		private final Map<String, String[]> pairs = new LinkedHashMap<>();

		private final ChatLoad load = new ChatLoad();

		CrashRun(Path directory, Map<String, String> env) {
			this.directory = directory;
			this.env = env;
		}

		Result run() throws Exception {
			assertThat(JAR).as("the packaged jar (built by `package`)").exists();
			HavenProcess first = HavenProcess.start(JAR, directory, port, env, "first");
			HavenProcess second;
			long firstStart;
			long secondStart;
			int exitCode;
			Optional<ProcessHandle> orphan;
			try {
				firstStart = first.awaitHealthy();
				setUpPairs();
				load.connect(port, people, pairs);
				load.stream(RATE, () -> load.acknowledged() >= KILL_AFTER_ACKS, pairs);
				exitCode = first.kill();
				// The kill hits the JVM only: an embedded PostgreSQL lives on, as after a
				// real kill -9.
				orphan = postmaster(directory.resolve("data/postgresql"));
				load.disconnect();
			}
			finally {
				// Only when the run failed before the kill: stopped normally, so its
				// PostgreSQL stops too.
				first.stopIfAlive();
			}
			second = HavenProcess.start(JAR, directory, port, env, "second");
			try {
				secondStart = second.awaitHealthy();
				load.connect(port, people, pairs);
				load.resendUnacknowledged();
				Map<String, List<ChatLoad.Stored>> stored = new LinkedHashMap<>();
				for (String conversation : pairs.keySet()) {
					stored.put(conversation, load.readBack(conversation));
				}
				load.disconnect();
				return new Result(exitCode, orphan.isPresent(), firstStart, secondStart, load, stored);
			}
			finally {
				second.stop();
			}
		}

		/**
		 * The demo accounts: each client asks each therapist for care and is accepted, so
		 * four conversations.
		 */
		private void setUpPairs() {
			String base = "http://localhost:" + port;
			for (String client : List.of("client@demo.haven.test", "client2@demo.haven.test")) {
				WebSession session = new WebSession(base);
				session.signIn(client, CLIENT_PASSWORD, null);
				people.put(client, session);
			}
			for (String therapist : TOTP.keySet()) {
				WebSession session = new WebSession(base);
				session.signIn(therapist, THERAPIST_PASSWORD, totp(TOTP.get(therapist)));
				people.put(therapist, session);
			}
			// Dr. Reyes is licensed in California, Sam Okafor in Great Britain (the demo
			// profiles).
			Map<String, String> therapistIds = new HashMap<>();
			for (String jurisdiction : List.of("US-CA", "GB")) {
				Matcher listed = THERAPIST.matcher(
						people.get("client@demo.haven.test").get("/therapists?jurisdiction=" + jurisdiction).body());
				while (listed.find()) {
					therapistIds.put(listed.group(2).contains("Reyes") ? "therapist@demo.haven.test"
							: "therapist2@demo.haven.test", listed.group(1));
				}
			}
			assertThat(therapistIds).hasSize(2);
			for (String client : List.of("client@demo.haven.test", "client2@demo.haven.test")) {
				for (String therapist : TOTP.keySet()) {
					boolean reyes = therapist.equals("therapist@demo.haven.test");
					WebSession.Response asked = people.get(client)
						.submit("/care/request/" + therapistIds.get(therapist),
								"/care/request/" + therapistIds.get(therapist),
								Map.of("reason", "Talking things through", "modalities", "VIDEO", "jurisdiction",
										reyes ? "US-CA" : "GB", "location", reyes ? "Fresno" : "Leeds",
										"emergencyContact", "Alex 555 0100"));
					assertThat(asked.status()).as("care request: " + asked.body()).isEqualTo(302);
					String request = asked.location().replaceAll(".*/care/requests/([0-9a-f-]{36}).*", "$1");
					WebSession.Response accepted = people.get(therapist)
						.submit("/care/requests/" + request, "/care/requests/" + request + "/accept",
								Map.of("message", "Welcome"));
					assertThat(accepted.status()).isEqualTo(302);
					Matcher conversation = CONVERSATION.matcher(people.get(client).get("/messages").body());
					List<String> ids = new ArrayList<>();
					while (conversation.find()) {
						ids.add(conversation.group(1));
					}
					String added = ids.stream().filter(id -> !pairs.containsKey(id)).findFirst().orElseThrow();
					pairs.put(added, new String[] { client, therapist });
				}
			}
			assertThat(pairs).hasSize(4);
		}

		private static String totp(String secret) {
			try {
				return new DefaultCodeGenerator().generate(secret,
						Math.floorDiv(System.currentTimeMillis() / 1000, 30));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		record Result(int exitCode, boolean orphanSurvived, long firstStartMillis, long secondStartMillis,
				ChatLoad load, Map<String, List<ChatLoad.Stored>> stored) {

			int acknowledged() {
				return load.acknowledgedBeforeCrash().size();
			}

			/** Acknowledged before the crash, and not in its conversation afterwards. */
			List<String> lost() {
				return load.acknowledgedBeforeCrash().keySet().stream().filter(id -> stored(id).isEmpty()).toList();
			}

			/** Sent once, stored more than once. */
			List<String> duplicated() {
				return load.sent().stream().filter(id -> stored(id).size() > 1).toList();
			}

			/** A sequence number acknowledged for one message that now holds another. */
			List<String> reused() {
				List<String> reused = new ArrayList<>();
				load.acknowledgedBeforeCrash()
					.forEach((id, ack) -> stored.get(ack.conversation())
						.stream()
						.filter(s -> s.seq() == ack.seq() && !s.clientId().equals(id))
						.forEach(s -> reused.add(ack.conversation() + "#" + ack.seq())));
				return reused;
			}

			/** Sent, and not stored after the resend (the resend must have saved it). */
			List<String> missing() {
				return load.sent().stream().filter(id -> stored(id).isEmpty()).toList();
			}

			private List<ChatLoad.Stored> stored(String clientId) {
				return stored.values()
					.stream()
					.flatMap(List::stream)
					.filter(s -> s.clientId().equals(clientId))
					.toList();
			}

			void print(String database) {
				System.out
					.printf("%nCrash test on the %s: sent %d, acknowledged before the kill %d, lost %d, duplicated %d, "
							+ "reused sequence numbers %d, resent after the restart %d, missing after the resend %d; killed with exit code %d"
							+ " (137 = SIGKILL), PostgreSQL outlived the kill: %s; healthy after %d ms (first start, empty data) and %d ms"
							+ " (restart on the data left by the kill); ack after sending p50 %.1f ms, p99 %.1f ms%n%n",
							database, load.sent().size(), acknowledged(), lost().size(), duplicated().size(),
							reused().size(), load.resent(), missing().size(), exitCode, orphanSurvived,
							firstStartMillis, secondStartMillis, load.ackMillis(50), load.ackMillis(99));
			}

			void assertNothingLost() {
				assertThat(exitCode).as("Process.destroyForcibly is SIGKILL").isEqualTo(137);
				assertThat(acknowledged()).as("messages acknowledged before the kill")
					.isGreaterThanOrEqualTo(KILL_AFTER_ACKS);
				assertThat(lost()).as("acknowledged, then lost").isEmpty();
				assertThat(duplicated()).as("stored twice").isEmpty();
				assertThat(reused()).as("sequence numbers given to two messages").isEmpty();
				assertThat(missing()).as("sent, resent, and still not stored").isEmpty();
			}
		}

	}

	private static Optional<ProcessHandle> postmaster(Path data) {
		try {
			Path pid = data.resolve("postmaster.pid");
			if (!Files.exists(pid)) {
				return Optional.empty();
			}
			return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()))
				.filter(ProcessHandle::isAlive);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
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
	 * Haven from its jar, in a working directory of its own (so ./data is the run's), its
	 * output in a log file.
	 */
	static final class HavenProcess {

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
						"HAVEN_DEMO_SMTP_PORT", String.valueOf(smtp), "SPRING_MAIL_PORT", String.valueOf(smtp)));
			builder.environment().putAll(env);
			return new HavenProcess(builder.start(), port, System.nanoTime(), log);
		}

		/**
		 * Waits until /actuator/health answers UP; returns the milliseconds since the
		 * process started.
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

}

package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.haven.support.Postgres;
import org.junit.jupiter.api.Test;

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
 * once on the embedded default, once on a PostgreSQL that Haven is pointed at, and once
 * as two nodes sharing a PostgreSQL and a Redis, of which one is killed and its clients
 * reconnect to the other. {@code -Dhaven.jar} runs another build.
 */
class ChatCrashTests {

	static final Path JAR = Path.of(System.getProperty("haven.jar", "target/haven-0.1.0-SNAPSHOT.jar"));

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
		CrashRun.Result result = new CrashRun(run, freshPostgreSql()).run();
		result.print("PostgreSQL");
		result.assertNothingLost();
	}

	@Test
	void noAcknowledgedMessageIsLostWhenOneOfTwoNodesIsKilled() throws Exception {
		ClusterCrashRun.Result result = new ClusterCrashRun(runDirectory("two-nodes")).run();
		result.print();
		result.assertNothingLost();
	}

	/**
	 * Haven's settings for a new database in the tests' PostgreSQL, with the demo people
	 * on it.
	 */
	static Map<String, String> freshPostgreSql() {
		return Map.of("SPRING_DATASOURCE_URL", Postgres.freshDatabase(), "SPRING_DATASOURCE_USERNAME", "postgres",
				"SPRING_DATASOURCE_PASSWORD", "postgres", "HAVEN_DEMO_MODE", "on", "HAVEN_DEMO_ALLOW_POSTGRES", "true");
	}

	static Path runDirectory(String name) throws IOException {
		Path run = Path.of("target", "crash", name + "-" + System.currentTimeMillis()).toAbsolutePath();
		Files.createDirectories(run);
		return run;
	}

	/** One run: start, chat, kill, start again, resend, read back. */
	static final class CrashRun {

		private final Path directory;

		private final Map<String, String> env;

		private final int port = HavenProcess.freePort();

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
			DemoPairs demo;
			try {
				firstStart = first.awaitHealthy();
				demo = new DemoPairs(person -> port);
				load.connect(port, demo.people(), demo.pairs());
				load.stream(RATE, () -> load.acknowledged() >= KILL_AFTER_ACKS, demo.pairs());
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
				load.connect(port, demo.people(), demo.pairs());
				load.resendUnacknowledged();
				Map<String, List<ChatLoad.Stored>> stored = new LinkedHashMap<>();
				for (String conversation : demo.pairs().keySet()) {
					stored.put(conversation, load.readBack(conversation));
				}
				load.disconnect();
				return new Result(exitCode, orphan.isPresent(), firstStart, secondStart, load, stored);
			}
			finally {
				second.stop();
			}
		}

		record Result(int exitCode, boolean orphanSurvived, long firstStartMillis, long secondStartMillis,
				ChatLoad load, Map<String, List<ChatLoad.Stored>> stored) {

			int acknowledged() {
				return load.acknowledgedBeforeCrash().size();
			}

			/** Acknowledged before the crash, and what became of them. */
			CrashTally tally() {
				return new CrashTally(load.acknowledgedBeforeCrash(), load.sent(), stored);
			}

			List<String> lost() {
				return tally().lost();
			}

			List<String> duplicated() {
				return tally().duplicated();
			}

			List<String> reused() {
				return tally().reused();
			}

			List<String> missing() {
				return tally().missing();
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

}

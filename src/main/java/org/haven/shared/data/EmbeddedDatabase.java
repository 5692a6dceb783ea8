package org.haven.shared.data;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded default's database: a real PostgreSQL, unpacked from the application's own
 * jar and run as a child process on a data directory that outlives Haven. PostgreSQL's
 * defaults are kept for durability (fsync and synchronous_commit on), so what Haven
 * acknowledges has reached the disk, as in production.
 */
final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	/**
	 * Crash recovery after a power cut replays the write-ahead log: give it longer than
	 * zonky's 10 s.
	 */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

	/** A shut-down checkpoint of a small practice's database takes well under this. */
	private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

	private final EmbeddedPostgres postgres;

	private final AtomicBoolean hookDisarmed;

	private EmbeddedDatabase(EmbeddedPostgres postgres) {
		this.postgres = postgres;
		this.hookDisarmed = disarmShutdownHook(postgres);
	}

	static EmbeddedDatabase start(Path directory, int port) throws IOException {
		long started = System.nanoTime();
		Path data = directory.toAbsolutePath().normalize();
		Files.createDirectories(data);
		stopOrphan(data);
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setPGStartupWait(STARTUP_WAIT)
			// zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off for
			// throw-away test
			// databases; these come later on the command line and win: a commit waits for
			// the disk.
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("max_connections", "100");
		if (port > 0) {
			builder.setPort(port);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL on {} serves {} (started in {} ms)", data,
				postgres.getJdbcUrl("postgres", "postgres"),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		return new EmbeddedDatabase(postgres);
	}

	String jdbcUrl() {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	/**
	 * Whether PostgreSQL stops only when Haven closes it (see
	 * {@link #disarmShutdownHook}).
	 */
	boolean stopsWithHavenOnly() {
		return hookDisarmed != null && hookDisarmed.get();
	}

	@Override
	public void close() throws IOException {
		if (hookDisarmed != null) {
			hookDisarmed.set(false);
		}
		postgres.close();
	}

	/**
	 * zonky registers a JVM shutdown hook that stops PostgreSQL. JVM hooks run at the
	 * same time as Spring's, so on Ctrl-C or SIGTERM PostgreSQL went away while the
	 * application context was still closing, and the event registry's last query waited
	 * for the pool's 30 s connection timeout. Its hook does nothing once the instance
	 * counts as closed: so it is marked closed here, and {@link #close()}, called by the
	 * context after the DataSource is closed, unmarks it and stops PostgreSQL. Without
	 * the field (another zonky version) the hook stays armed: a slower exit, nothing
	 * lost.
	 */
	private static AtomicBoolean disarmShutdownHook(EmbeddedPostgres postgres) {
		try {
			Field field = EmbeddedPostgres.class.getDeclaredField("closed");
			field.setAccessible(true);
			AtomicBoolean closed = (AtomicBoolean) field.get(postgres);
			closed.set(true);
			return closed;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			log.warn("PostgreSQL will stop with the JVM's shutdown hooks rather than after Haven: {}", ex.toString());
			return null;
		}
	}

	/**
	 * PostgreSQL runs as its own process. When Haven's JVM is killed (kill -9, an
	 * out-of-memory killer, a crashed IDE) it keeps running on the data directory, and a
	 * new start would be refused: another server holds the directory's postmaster.pid. It
	 * is the previous Haven's, so it is stopped first (a shut-down checkpoint: nothing
	 * committed is lost either way). A postmaster.pid whose process is gone (after a
	 * power cut) is left to PostgreSQL, which recovers from its write-ahead log.
	 */
	static void stopOrphan(Path data) throws IOException {
		Optional<ProcessHandle> orphan = orphan(data);
		if (orphan.isEmpty()) {
			return;
		}
		ProcessHandle postmaster = orphan.get();
		log.warn("A PostgreSQL left running by a previous Haven (pid {}) holds {}: stopping it first", postmaster.pid(),
				data);
		// SIGTERM: a smart shut-down, which waits for sessions; the dead JVM's
		// connections are closed already.
		postmaster.destroy();
		try {
			postmaster.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			// Someone else holds a session open: stop it hard, PostgreSQL recovers on
			// start as after a crash.
			log.warn("PostgreSQL (pid {}) did not stop within {} s: killing it", postmaster.pid(),
					ORPHAN_STOP_WAIT.toSeconds());
			postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
			postmaster.destroyForcibly();
			waitQuietly(postmaster);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping PostgreSQL " + postmaster.pid(), ex);
		}
		catch (ExecutionException ex) {
			throw new IOException("Could not stop PostgreSQL " + postmaster.pid(), ex);
		}
	}

	/**
	 * The live postmaster named by the directory's postmaster.pid, if it is a PostgreSQL
	 * process.
	 */
	static Optional<ProcessHandle> orphan(Path data) throws IOException {
		Path pidFile = data.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		long pid;
		try {
			pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		// The pid may have been reused since: only a process running PostgreSQL's own
		// binary is ours to stop.
		return ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter(p -> p.info()
				.command()
				.map(c -> Path.of(c).getFileName().toString().startsWith("postgres"))
				.orElse(false));
	}

	private static void waitQuietly(ProcessHandle process) {
		try {
			process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("PostgreSQL (pid {}) is still running", process.pid());
		}
	}

}

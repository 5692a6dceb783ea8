package org.haven.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU time spent by this JVM (Haven, the relay and the harness's clients together) and by the embedded
 * PostgreSQL (its postmaster and every process it started), read from /proc on Linux. Where /proc is not
 * there, PostgreSQL's share reads as zero. Also the busy time of the whole machine, so that a run can tell
 * how much of it went to other programs. Only a rough split of where the two cores went.
 */
final class CpuMeter {

	/** Clock ticks a second of /proc/&lt;pid&gt;/stat on Linux. */
	private static final double TICKS_PER_SECOND = 100;

	/** {@code allNanos}: every process on the machine (busy time of all cores, from /proc/stat); {@code at}: when, by nanoTime. */
	record Reading(long jvmNanos, long postgresNanos, long allNanos, long at) {

		/** CPU of processes other than this JVM and its PostgreSQL since {@code before}, in cores on average over {@code seconds}. */
		double othersCores(Reading before, double seconds) {
			long others = (allNanos - before.allNanos) - (jvmNanos - before.jvmNanos) - (postgresNanos - before.postgresNanos);
			return allNanos == 0 ? Double.NaN : Math.max(0, others) / 1e9 / seconds;
		}
	}

	private final long postmaster;

	private CpuMeter(long postmaster) {
		this.postmaster = postmaster;
	}

	static CpuMeter of(DataSource dataSource) {
		long pid = -1;
		try {
			String dataDirectory = new JdbcTemplate(dataSource).queryForObject("show data_directory", String.class);
			pid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
		}
		catch (RuntimeException | IOException ex) {
			// Not readable here: PostgreSQL's CPU stays unknown.
		}
		return new CpuMeter(pid);
	}

	Reading now() {
		long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
		return new Reading(jvm, postmaster < 0 ? 0 : postgres(), all(), System.nanoTime());
	}

	/**
	 * Waits until PostgreSQL has used less than 2 % of a core over half a second, at most {@code maxMillis}:
	 * work Haven does after a message was delivered (its event listeners) is done before anything else is
	 * measured. The relay never touches the database, so this is also how long Haven was still busy.
	 */
	void awaitPostgresIdle(long maxMillis) throws InterruptedException {
		if (postmaster < 0) {
			return;
		}
		long deadline = System.nanoTime() + maxMillis * 1_000_000L;
		long before = postgres();
		while (System.nanoTime() < deadline) {
			Thread.sleep(500);
			long now = postgres();
			if (now - before < 0.02 * 500_000_000L) {
				return;
			}
			before = now;
		}
	}

	/** Busy time of all cores: user, nice, system, irq, softirq and steal of the first line of /proc/stat. */
	private static long all() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long ticks = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				ticks += Long.parseLong(cpu[i]);
			}
			return (long) (ticks / TICKS_PER_SECOND * 1e9);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private long postgres() {
		long ticks = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : (Iterable<Path>) processes::iterator) {
				String name = process.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				String[] stat = stat(process);
				if (stat == null) {
					continue;
				}
				if (Long.parseLong(name) == postmaster || Long.parseLong(stat[1]) == postmaster) {
					ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
		return (long) (ticks / TICKS_PER_SECOND * 1e9);
	}

	/** The fields after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
	private static String[] stat(Path process) {
		try {
			String line = Files.readString(process.resolve("stat"));
			return line.substring(line.lastIndexOf(')') + 2).split(" ");
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}
}

package org.haven.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One step of the rising rate against one target: {@code rate} messages a second for {@code seconds}, sent on
 * an open-loop schedule. Message {@code i} is due at {@code start + i / rate}; the scheduler sends every due
 * message without waiting for any answer, so a slow server makes messages late rather than fewer. Latency
 * is counted from the due time, not from when the harness got round to sending, so any lag of the harness
 * itself is in the figures too (and reported on its own as the send lag).
 * <p>
 * Message {@code i} goes to pair {@code i % pairs}; a pair's messages alternate between the client and the
 * therapist sending. So each person sends {@code rate / (2 * pairs)} messages a second, evenly spaced.
 */
final class LoadRun {

	private static final int DELIVERED = 1;
	private static final int ACKED = 2;
	private static final int REFUSED = 4;

	final int id;
	final Fleet fleet;
	final int rate;
	final int count;
	private final long[] due;
	private final long[] sentAt;
	private final long[] arrivedAt;
	private final long[] ackedAt;
	private final int[] receiver;
	private final AtomicIntegerArray state;
	private final AtomicIntegerArray deliveries;
	private final AtomicInteger settled = new AtomicInteger();
	private final AtomicInteger duplicates = new AtomicInteger();
	private final AtomicInteger misdelivered = new AtomicInteger();
	private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
	private long started;
	private long lastSent;
	private double drainMillis;
	private double settleMillis;
	private double jvmCpuMicros;
	private double postgresCpuMicros;
	private double othersCores;

	LoadRun(int id, Fleet fleet, int rate, int seconds) {
		this.id = id;
		this.fleet = fleet;
		this.rate = rate;
		this.count = rate * seconds;
		this.due = new long[count];
		this.sentAt = new long[count];
		this.arrivedAt = new long[count];
		this.ackedAt = new long[count];
		this.receiver = new int[count];
		this.state = new AtomicIntegerArray(count);
		this.deliveries = new AtomicIntegerArray(count);
	}

	/**
	 * Sends every message on schedule, then waits for the last ones to settle (delivered, and acknowledged by
	 * Haven, or refused): until all have, or none has for {@code idleMillis}, or {@code maxMillis} have passed.
	 * What has not arrived by then counts as lost. Then waits for PostgreSQL to go idle, so that the CPU of the
	 * run includes what Haven does after delivering (and the next run does not pay for it).
	 */
	void execute(long idleMillis, long maxMillis, CpuMeter cpu) throws InterruptedException {
		CpuMeter.Reading before = cpu.now();
		fleet.attach(this);
		int pairs = fleet.pairs();
		double interval = 1e9 / rate;
		started = System.nanoTime() + 20_000_000L;
		for (int i = 0; i < count; i++) {
			long at = started + (long) (i * interval);
			long now;
			while ((now = System.nanoTime()) < at) {
				LockSupport.parkNanos(at - now);
			}
			int pair = i % pairs;
			boolean fromClient = ((i / pairs) + pair) % 2 == 0;
			BenchSocket from = fleet.socket(pair, fromClient);
			BenchSocket to = fleet.socket(pair, !fromClient);
			due[i] = at;
			receiver[i] = to.index;
			int message = i;
			from.send(fleet.chatSend(pair, clientId(message)), () -> sentAt[message] = System.nanoTime());
		}
		long lastDue = started + (long) ((count - 1) * interval);
		long deadline = lastDue + maxMillis * 1_000_000L;
		int seen = settled.get();
		long progressAt = System.nanoTime();
		while (seen < count && System.nanoTime() < deadline && System.nanoTime() - progressAt < idleMillis * 1_000_000L) {
			LockSupport.parkNanos(5_000_000L);
			int now = settled.get();
			if (now != seen) {
				seen = now;
				progressAt = System.nanoTime();
			}
		}
		drainMillis = (System.nanoTime() - lastDue) / 1e6;
		fleet.detach(this);
		cpu.awaitPostgresIdle(maxMillis);
		settleMillis = (System.nanoTime() - lastDue) / 1e6;
		CpuMeter.Reading after = cpu.now();
		jvmCpuMicros = (after.jvmNanos() - before.jvmNanos()) / 1e3 / count;
		postgresCpuMicros = (after.postgresNanos() - before.postgresNanos()) / 1e3 / count;
		othersCores = after.othersCores(before, (after.at() - before.at()) / 1e9);
		lastSent = Arrays.stream(sentAt).max().orElse(started);
	}

	String clientId(int message) {
		return "r" + id + "-" + message;
	}

	void delivered(int message, BenchSocket at, long nanos) {
		if (at.index != receiver[message]) {
			misdelivered.incrementAndGet();
			return;
		}
		if (deliveries.incrementAndGet(message) > 1) {
			duplicates.incrementAndGet();
			return;
		}
		arrivedAt[message] = nanos;
		mark(message, DELIVERED);
	}

	void acked(int message, long nanos) {
		ackedAt[message] = nanos;
		mark(message, ACKED);
	}

	void refused(int message, String code) {
		errors.computeIfAbsent(code, c -> new LongAdder()).increment();
		mark(message, REFUSED);
	}

	void unmatchedError(String code) {
		errors.computeIfAbsent(code, c -> new LongAdder()).increment();
	}

	private void mark(int message, int bit) {
		for (;;) {
			int before = state.get(message);
			int after = before | bit;
			if (before == after || state.compareAndSet(message, before, after)) {
				if (!isSettled(before) && isSettled(after)) {
					settled.incrementAndGet();
				}
				return;
			}
		}
	}

	private boolean isSettled(int bits) {
		boolean delivered = (bits & DELIVERED) != 0;
		boolean acked = !fleet.acknowledges() || (bits & ACKED) != 0;
		return (delivered && acked) || (bits & REFUSED) != 0;
	}

	/** The figures; a message not delivered counts as infinitely late, so a percentile past the lost ones is infinite. */
	Result result() {
		long[] latencies = new long[count];
		long[] lags = new long[count];
		long[] acks = new long[count];
		int delivered = 0;
		int acked = 0;
		for (int i = 0; i < count; i++) {
			lags[i] = sentAt[i] == 0 ? Long.MAX_VALUE : sentAt[i] - due[i];
			if ((state.get(i) & DELIVERED) != 0) {
				latencies[i] = arrivedAt[i] - due[i];
				delivered++;
			}
			else {
				latencies[i] = Long.MAX_VALUE;
			}
			if ((state.get(i) & ACKED) != 0) {
				acks[i] = ackedAt[i] - due[i];
				acked++;
			}
			else {
				acks[i] = Long.MAX_VALUE;
			}
		}
		Arrays.sort(latencies);
		Arrays.sort(lags);
		Arrays.sort(acks);
		double sendSeconds = (lastSent - started) / 1e9 + 1.0 / rate;
		Map<String, Long> errorCounts = new TreeMap<>();
		errors.forEach((code, n) -> errorCounts.put(code, n.sum()));
		return new Result(fleet.name(), rate, count, count / sendSeconds, delivered, duplicates.get(), misdelivered.get(), errorCounts,
				millis(percentile(latencies, 50)), millis(percentile(latencies, 95)), millis(percentile(latencies, 99)),
				millis(latencies[delivered == 0 ? 0 : delivered - 1]), millis(percentile(lags, 99)),
				fleet.acknowledges() ? millis(percentile(acks, 99)) : Double.NaN, acked, drainMillis, settleMillis, jvmCpuMicros,
				postgresCpuMicros, othersCores);
	}

	/** Nearest rank. */
	private static long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	private static double millis(long nanos) {
		return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
	}

	/**
	 * A step's figures, in milliseconds; {@code max} is of the delivered ones, {@code drainMillis} how long after
	 * the last message was due the run stopped waiting for messages, {@code settleMillis} until PostgreSQL was idle
	 * too; the CPU figures are microseconds per message sent, of this JVM (server and harness together) and of
	 * PostgreSQL, over the run and both waits; {@code othersCores} the
	 * CPU other programs on the machine used meanwhile, in cores. Held: at least 95 % of the target rate sent, every message delivered
	 * exactly once to the other party, nothing refused, and the 99th percentile at most {@code p99LimitMillis}.
	 */
	record Result(String system, int rate, int sent, double achievedRate, int delivered, int duplicates, int misdelivered,
			Map<String, Long> errors, double p50, double p95, double p99, double max, double sendLagP99, double ackP99, int acked,
			double drainMillis, double settleMillis, double jvmCpuMicros, double postgresCpuMicros, double othersCores) {

		boolean held(double p99LimitMillis) {
			return achievedRate >= 0.95 * rate && delivered == sent && duplicates == 0 && misdelivered == 0 && errors.isEmpty()
					&& p99 <= p99LimitMillis;
		}
	}
}

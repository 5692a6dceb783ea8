package org.haven.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.haven.bench.LoadRun.Result;
import org.haven.support.IntegrationTest;
import org.haven.support.Postgres;
import org.haven.support.TestMail;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Chat delivery under load (docs/benchmarks.md): a harness, not a test. It starts Haven as the integration
 * tests do (embedded PostgreSQL, GreenMail) but on the real clock, since the frame budget and the flood limit
 * refill with it. It signs in {@code bench.pairs} clients and their therapists, opens one socket per person on
 * Haven's {@code /ws} and one on a raw relay on the same server, and sends chat messages at a rising rate:
 * each step first to the relay, then to Haven. It prints what it measured and asserts nothing about speed;
 * it fails only when a message arrives twice or at the wrong socket, or Haven acknowledges one it never
 * delivers.
 * <p>
 * Settings (system properties): {@code bench.pairs} (500), {@code bench.rates} (messages a second, comma
 * separated: 250,500,1000,1500,2000,2500,3000), {@code bench.step-seconds} (10), {@code bench.p99-limit-ms} (100).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RawRelay.class)
// Closed right after the run, while PostgreSQL still runs: at JVM exit it may stop first, and Haven's shutdown
// would then wait Hikari's 30 s for a connection.
@DirtiesContext
class ChatDeliveryBenchmark {

	/** Haven's limit per person (docs/messaging.md): at most 20 messages in 10 s, a bucket of 20 refilled at 2 a second. */
	private static final int SEND_BURST = 20;
	private static final double SEND_REFILL_PER_SECOND = 2.0;
	private static final int GOAL_RATE = 2000;
	private static final long DRAIN_IDLE_MILLIS = 5_000;
	private static final long DRAIN_MAX_MILLIS = 60_000;
	private static final int WARM_UP_SECONDS = 8;
	/**
	 * Warm-up runs per target, not reported: the first step's rate, then half the goal's and the goal's. Haven's
	 * send path is a lot more code than the relay's, and at the first step's rate alone the JIT compilers were
	 * still busy (over half a core) during the measured runs that followed.
	 */
	private static int[] warmUpRates(int first) {
		return java.util.stream.IntStream.of(first, GOAL_RATE / 2, GOAL_RATE).distinct().toArray();
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private CpuMeter cpu;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> Postgres.jdbcUrl("postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMail::port);
		registry.add("haven.demo.mode", () -> "off");
		registry.add("haven.crypto.keys", () -> "test=" + IntegrationTest.TEST_KEY);
		registry.add("haven.base-url", () -> "http://localhost");
		registry.add("haven.login.max-failures-per-address", () -> "100000");
	}

	@Test
	void chatDelivery() throws Exception {
		int pairs = Integer.getInteger("bench.pairs", 500);
		int[] rates = Arrays.stream(System.getProperty("bench.rates", "250,500,1000,1500,2000,2500,3000").split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
		int seconds = Integer.getInteger("bench.step-seconds", 10);
		double p99Limit = Double.parseDouble(System.getProperty("bench.p99-limit-ms", "100"));
		for (int rate : rates) {
			// Each person's bucket holds 20 and refills at 2 a second; a step may draw at most 15 of them, so
			// that timer jitter never makes a refusal. Between two Haven steps the relay's step refills it.
			double perPersonPerSecond = rate / (2.0 * pairs);
			double drawn = seconds * Math.max(0, perPersonPerSecond - SEND_REFILL_PER_SECOND);
			if (drawn > SEND_BURST - 5) {
				throw new IllegalArgumentException(rate + " messages a second over " + pairs + " pairs is " + perPersonPerSecond
						+ " a second per person for " + seconds + " s, more than Haven lets one person send (bursts of " + SEND_BURST
						+ ", then " + SEND_REFILL_PER_SECOND + " a second): add pairs or lower the rate");
			}
		}

		cpu = CpuMeter.of(context.getBean(DataSource.class));
		long began = System.nanoTime();
		String machine = machine();
		log("Chat delivery benchmark: %d pairs, steps %s msg/s of %d s each, %s", pairs, Arrays.toString(rates), seconds, machine);
		BenchPeople.Pair[] people = BenchPeople.pairs(context, port, pairs);
		log("%d pairs in care and signed in after %.1f s", pairs, (System.nanoTime() - began) / 1e9);

		List<HttpClient> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
		}
		List<Step> steps = new ArrayList<>();
		int runs = 0;
		try (Fleet relay = Fleet.relay(port, people, clients); Fleet haven = Fleet.haven(port, people, clients)) {
			log("%d sockets open on each target after %.1f s", pairs * 2, (System.nanoTime() - began) / 1e9);
			List<Fleet> fleets = List.of(relay, haven);
			for (Fleet fleet : fleets) {
				for (int rate : warmUpRates(rates[0])) {
					Result warmUp = run(++runs, fleet, fleets, rate, WARM_UP_SECONDS);
					log("warm-up %-9s %s", fleet.name(), line(warmUp));
				}
			}
			for (int rate : rates) {
				Step step = new Step(rate, new Result[fleets.size()]);
				for (int f = 0; f < fleets.size(); f++) {
					// Up to the goal's rate every target runs every step; past it, only while it held the step before.
					Step previous = steps.isEmpty() ? null : steps.get(steps.size() - 1);
					if (rate > GOAL_RATE && previous != null && (previous.results()[f] == null || !previous.results()[f].held(p99Limit))) {
						log("%-9s %5d msg/s: skipped, the step before was not held", fleets.get(f).name(), rate);
						continue;
					}
					step.results()[f] = run(++runs, fleets.get(f), fleets, rate, seconds);
					log("%-9s %s", fleets.get(f).name(), line(step.results()[f]));
				}
				steps.add(step);
			}
			log("send failures: relay %d, Haven %d; frames that came after their run: relay %d, Haven %d", relay.sendFailures(),
					haven.sendFailures(), relay.strayFrames(), haven.strayFrames());
		}
		report(steps, machine, p99Limit, (System.nanoTime() - began) / 1e9);

		for (Step step : steps) {
			for (Result result : step.results()) {
				if (result == null) {
					continue;
				}
				assertThat(result.duplicates()).as("messages delivered twice, %s at %d", result.system(), result.rate()).isZero();
				assertThat(result.misdelivered()).as("messages delivered to the wrong socket, %s at %d", result.system(), result.rate())
					.isZero();
				if (result.system().equals("Haven")) {
					assertThat(result.delivered()).as("Haven at %d: every acknowledged message is delivered", result.rate())
						.isGreaterThanOrEqualTo(result.acked());
				}
			}
		}
	}

	/** One rate: the relay's result, then Haven's; null where the target skipped it. */
	private record Step(int rate, Result[] results) {
	}

	private Result run(int id, Fleet fleet, List<Fleet> fleets, int rate, int seconds) throws InterruptedException {
		// Each run starts from the same footing: every target done with earlier runs, garbage collected, a second of quiet.
		for (Fleet any : fleets) {
			any.awaitQuiet();
		}
		cpu.awaitPostgresIdle(DRAIN_MAX_MILLIS);
		System.gc();
		Thread.sleep(1000);
		LoadRun run = new LoadRun(id, fleet, rate, seconds);
		run.execute(DRAIN_IDLE_MILLIS, DRAIN_MAX_MILLIS, cpu);
		return run.result();
	}

	private static String line(Result r) {
		return String.format(Locale.ROOT,
				"%5d msg/s: sent %6d at %7.1f/s, delivered %6d, p50 %s  p95 %s  p99 %s  max %s ms, send lag p99 %s ms%s, waited %.1f s after the last, "
						+ "PostgreSQL idle after %.1f s, CPU per message %.0f us JVM + %.0f us PostgreSQL, other programs %.2f cores%s",
				r.rate(), r.sent(), r.achievedRate(), r.delivered(), ms(r.p50()), ms(r.p95()), ms(r.p99()), ms(r.max()), ms(r.sendLagP99()),
				Double.isNaN(r.ackP99()) ? "" : String.format(Locale.ROOT, ", ack p99 %s ms (%d acks)", ms(r.ackP99()), r.acked()),
				r.drainMillis() / 1000, r.settleMillis() / 1000, r.jvmCpuMicros(), r.postgresCpuMicros(), r.othersCores(), r.errors().isEmpty() ? "" : ", errors " + r.errors());
	}

	private static String ms(double millis) {
		return Double.isInfinite(millis) ? "lost" : String.format(Locale.ROOT, "%.2f", millis);
	}

	private static void report(List<Step> steps, String machine, double p99Limit, double seconds) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n=== Chat delivery, started %s ===%n", machine));
		out.append("Latency from a chat-send's due time to the frame on the other party's socket, ms (nearest rank; lost = not delivered)\n\n");
		out.append("| msg/s | relay sent/s | relay p50 | relay p95 | relay p99 | Haven sent/s | Haven delivered | Haven p50 | Haven p95 | Haven p99 "
				+ "| Haven max | p99 Haven / relay |\n");
		out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Step step : steps) {
			Result relay = step.results()[0];
			Result haven = step.results()[1];
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", step.rate(),
					relay == null ? "-" : String.format(Locale.ROOT, "%.0f", relay.achievedRate()), relay == null ? "-" : ms(relay.p50()),
					relay == null ? "-" : ms(relay.p95()), relay == null ? "-" : ms(relay.p99()),
					haven == null ? "-" : String.format(Locale.ROOT, "%.0f", haven.achievedRate()),
					haven == null ? "-" : haven.delivered() + " / " + haven.sent(), haven == null ? "-" : ms(haven.p50()),
					haven == null ? "-" : ms(haven.p95()), haven == null ? "-" : ms(haven.p99()), haven == null ? "-" : ms(haven.max()),
					relay == null || haven == null ? "-" : ratio(haven.p99(), relay.p99())));
		}
		out.append("\nCPU per message sent, microseconds, this JVM (server and clients) + PostgreSQL:\n\n");
		out.append("| msg/s | relay JVM | relay PostgreSQL | Haven JVM | Haven PostgreSQL | Haven ack p99 ms | other programs, cores (relay / Haven) |\n");
		out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Step step : steps) {
			Result relay = step.results()[0];
			Result haven = step.results()[1];
			out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s / %s |%n", step.rate(),
					relay == null ? "-" : String.format(Locale.ROOT, "%.0f", relay.jvmCpuMicros()),
					relay == null ? "-" : String.format(Locale.ROOT, "%.0f", relay.postgresCpuMicros()),
					haven == null ? "-" : String.format(Locale.ROOT, "%.0f", haven.jvmCpuMicros()),
					haven == null ? "-" : String.format(Locale.ROOT, "%.0f", haven.postgresCpuMicros()), haven == null ? "-" : ms(haven.ackP99()),
					relay == null ? "-" : String.format(Locale.ROOT, "%.2f", relay.othersCores()),
					haven == null ? "-" : String.format(Locale.ROOT, "%.2f", haven.othersCores())));
		}
		out.append(String.format(Locale.ROOT, "%nHighest rate held (>= 95%% of the rate sent, all delivered once, no errors, p99 <= %.0f ms): "
				+ "relay %s, Haven %s%n", p99Limit, held(steps, 0, p99Limit), held(steps, 1, p99Limit)));
		steps.stream().filter(s -> s.rate() == GOAL_RATE && s.results()[0] != null && s.results()[1] != null).findFirst().ifPresent(step -> {
			Result relay = step.results()[0];
			Result haven = step.results()[1];
			boolean met = haven.p99() <= 1.5 * relay.p99() && haven.delivered() == haven.sent() && haven.errors().isEmpty();
			out.append(String.format(Locale.ROOT, "Goal at %d msg/s, Haven p99 <= 1.5 x relay p99: %s / %s ms = %s, %s%n", GOAL_RATE,
					ms(haven.p99()), ms(relay.p99()), ratio(haven.p99(), relay.p99()), met ? "met" : "NOT met"));
		});
		out.append(String.format(Locale.ROOT, "Whole run %.0f s%n", seconds));
		System.out.println(out);
	}

	private static String ratio(double a, double b) {
		return Double.isInfinite(a) ? "inf" : String.format(Locale.ROOT, "%.2f", a / b);
	}

	private static String held(List<Step> steps, int target, double p99Limit) {
		return steps.stream()
			.filter(s -> s.results()[target] != null && s.results()[target].held(p99Limit))
			.mapToInt(Step::rate)
			.max()
			.stream()
			.mapToObj(rate -> rate + " msg/s")
			.findFirst()
			.orElse("none");
	}

	private static String machine() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return String.format(Locale.ROOT, "%s, %d cores, Java %s, load average %.2f", OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load);
	}

	private static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
	}
}

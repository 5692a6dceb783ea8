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
import java.util.UUID;
import java.util.function.Function;

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
 * separated: 250,500,1000,1500,2000), {@code bench.step-seconds} (10), {@code bench.p99-limit-ms} (100).
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RawRelay.class)
class ChatDeliveryBenchmark {

	/** Haven refuses more than this many messages from one person in ten seconds (docs/messaging.md). */
	private static final int FLOOD_LIMIT = 20;
	private static final long DRAIN_MILLIS = 10_000;
	private static final int WARM_UP_RATE = 500;
	private static final int WARM_UP_SECONDS = 5;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

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
		int[] rates = Arrays.stream(System.getProperty("bench.rates", "250,500,1000,1500,2000").split(","))
			.map(String::trim)
			.mapToInt(Integer::parseInt)
			.toArray();
		int seconds = Integer.getInteger("bench.step-seconds", 10);
		double p99Limit = Double.parseDouble(System.getProperty("bench.p99-limit-ms", "100"));
		for (int rate : rates) {
			double perPerson = (double) rate * Math.min(seconds, 10) / (2.0 * pairs);
			if (perPerson > FLOOD_LIMIT) {
				throw new IllegalArgumentException(rate + " messages a second over " + pairs + " pairs is " + perPerson
						+ " messages per person in 10 s, over Haven's flood limit of " + FLOOD_LIMIT + ": add pairs or lower the rate");
			}
		}

		long began = System.nanoTime();
		log("Chat delivery benchmark: %d pairs, steps %s msg/s of %d s each, %s", pairs, Arrays.toString(rates), seconds, machine());
		BenchPeople.Pair[] people = BenchPeople.pairs(context, port, pairs, conversations());
		log("%d pairs in care and signed in after %.1f s", pairs, (System.nanoTime() - began) / 1e9);

		List<HttpClient> clients = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build());
		}
		List<Result> results = new ArrayList<>();
		int runs = 0;
		try (Fleet relay = Fleet.relay(port, people, clients); Fleet haven = Boolean.getBoolean("bench.dev-relay-twice") ? Fleet.relay(port, people, clients) : Fleet.haven(port, people, clients)) {
			log("%d sockets open on each target after %.1f s", pairs * 2, (System.nanoTime() - began) / 1e9);
			for (Fleet fleet : List.of(relay, haven)) {
				Result warmUp = run(++runs, fleet, WARM_UP_RATE, WARM_UP_SECONDS);
				log("warm-up %-9s %s", fleet.name(), line(warmUp));
			}
			for (int rate : rates) {
				for (Fleet fleet : List.of(relay, haven)) {
					Result result = run(++runs, fleet, rate, seconds);
					results.add(result);
					log("%-9s %s", fleet.name(), line(result));
				}
			}
			log("send failures: relay %d, Haven %d; frames of finished runs: relay %d, Haven %d", relay.sendFailures(), haven.sendFailures(),
					relay.strayFrames(), haven.strayFrames());
		}
		report(results, p99Limit, (System.nanoTime() - began) / 1e9);

		for (Result result : results) {
			assertThat(result.duplicates()).as("messages delivered twice, %s at %d", result.system(), result.rate()).isZero();
			assertThat(result.misdelivered()).as("messages delivered to the wrong socket, %s at %d", result.system(), result.rate()).isZero();
			if (result.system().equals("Haven")) {
				assertThat(result.delivered()).as("Haven at %d: every acknowledged message is delivered", result.rate())
					.isGreaterThanOrEqualTo(result.acked());
			}
		}
	}

	/** What a chat frame names as the conversation of a care relationship. */
	private Function<UUID, String> conversations() {
		return UUID::toString;
	}

	private Result run(int id, Fleet fleet, int rate, int seconds) throws InterruptedException {
		// Each run starts from the same footing: the last one's garbage collected, a second of quiet.
		System.gc();
		Thread.sleep(1000);
		LoadRun run = new LoadRun(id, fleet, rate, seconds);
		run.execute(DRAIN_MILLIS);
		return run.result();
	}

	private static String line(Result r) {
		return String.format(Locale.ROOT,
				"%5d msg/s: sent %6d at %7.1f/s, delivered %6d, p50 %7.2f  p95 %7.2f  p99 %7.2f  max %8.2f ms, send lag p99 %6.2f ms%s%s",
				r.rate(), r.sent(), r.achievedRate(), r.delivered(), r.p50(), r.p95(), r.p99(), r.max(), r.sendLagP99(),
				Double.isNaN(r.ackP99()) ? "" : String.format(Locale.ROOT, ", ack p99 %7.2f ms (%d acks)", r.ackP99(), r.acked()),
				r.errors().isEmpty() ? "" : ", errors " + r.errors());
	}

	private static void report(List<Result> results, double p99Limit, double seconds) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%n=== Chat delivery, %s ===%n", machine()));
		out.append("Latency from a chat-send's due time to the frame on the other party's socket, ms (nearest rank)\n\n");
		out.append("| msg/s | relay sent/s | relay p50 | relay p95 | relay p99 | Haven sent/s | Haven delivered | Haven p50 | Haven p95 | Haven p99 | Haven max | p99 Haven / relay |\n");
		out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (int i = 0; i + 1 < results.size(); i += 2) {
			Result relay = results.get(i);
			Result haven = results.get(i + 1);
			out.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.0f | %d / %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
					relay.rate(), relay.achievedRate(), relay.p50(), relay.p95(), relay.p99(), haven.achievedRate(), haven.delivered(),
					haven.sent(), haven.p50(), haven.p95(), haven.p99(), haven.max(), haven.p99() / relay.p99()));
		}
		out.append(String.format(Locale.ROOT, "%nHighest rate held (>= 95%% of the rate sent, all delivered once, no errors, p99 <= %.0f ms): "
				+ "relay %s, Haven %s%n", p99Limit, held(results, "raw relay", p99Limit), held(results, "Haven", p99Limit)));
		results.stream().filter(r -> r.rate() == 2000).filter(r -> r.system().equals("Haven")).findFirst().ifPresent(haven -> {
			Result relay = results.get(results.indexOf(haven) - 1);
			double ratio = haven.p99() / relay.p99();
			out.append(String.format(Locale.ROOT, "Goal at 2000 msg/s, Haven p99 <= 1.5 x relay p99: %.2f / %.2f = %.2f, %s%n", haven.p99(),
					relay.p99(), ratio, ratio <= 1.5 && haven.delivered() == haven.sent() ? "met" : "NOT met"));
		});
		out.append(String.format(Locale.ROOT, "Whole run %.0f s%n", seconds));
		System.out.println(out);
	}

	private static String held(List<Result> results, String system, double p99Limit) {
		return results.stream()
			.filter(r -> r.system().equals(system) && r.held(p99Limit))
			.mapToInt(Result::rate)
			.max()
			.stream()
			.mapToObj(rate -> rate + " msg/s")
			.findFirst()
			.orElse("none");
	}

	private static String machine() {
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		return String.format(Locale.ROOT, "%s, %d cores, Java %s, load %.2f", OffsetDateTime.now().truncatedTo(ChronoUnit.MINUTES),
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load);
	}

	private static void log(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
	}
}

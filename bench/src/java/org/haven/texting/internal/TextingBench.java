package org.haven.texting.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.haven.identity.internal.BenchAccounts;
import org.haven.shared.time.Timestamps;
import org.haven.support.Postgres;
import org.haven.texting.internal.TextOutbox.Purpose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Text messages through an SMSC that drops the link (docs/benchmarks.md, run by
 * {@code bench/texting.sh}): {@code BENCH_TEXTS} reminders to as many verified numbers
 * that asked for reminders, queued through {@link Texting#send}, then sent by Haven's
 * {@link SmppLink} with the chosen window and rate to an in-process {@link DemoSmsc} over
 * TCP, which drops the link {@code BENCH_DROPS} times at evenly spaced points of the run.
 * Once every text is settled it compares what Haven recorded with what the SMSC received:
 * texts delivered, unconfirmed (and whether the SMSC had the segment whose answer was
 * lost), lost, and segments received twice. {@code BENCH_RUNS} runs on one Haven and one
 * PostgreSQL with production's durability (every commit waits for the disk).
 * <p>
 * A harness step, not a test: it asserts nothing about speed. It fails (so the command
 * exits non-zero) when a text was lost or a segment reached the SMSC twice. Its name
 * keeps it out of Surefire's patterns, even with {@code -Pbenchmark}; the script names
 * it.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TextingBench {

	static {
		// Commits wait for the disk, as on PostgreSQL's defaults in production (the tests
		// keep zonky's fast settings).
		System.setProperty("haven.test.postgres.durable", "true");
	}

	private static final String SYSTEM_ID = "bench";

	private static final String PASSWORD = "bench1";

	private static final String PREFIX = "[texting] ";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		registry.add("spring.datasource.url", () -> Postgres.jdbcUrl("postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
		registry.add("haven.crypto.keys", () -> "bench=" + Base64.getEncoder().encodeToString(key));
		registry.add("haven.demo.mode", () -> "off");
		registry.add("haven.base-url", () -> "http://localhost");
		// Nothing here sends mail; should anything try, it finds no server and waits in
		// the outbox.
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> "9");
		// No SMSC configured: Haven's own link stays off, the benchmark makes its own.
		registry.add("haven.texting.smsc.host", () -> "");
	}

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Texting texting;

	@Autowired
	private TextOutbox outbox;

	@Autowired
	private Recipients recipients;

	@Autowired
	private InboundTexts inbound;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	record Settings(int texts, int window, double rate, int drops, int runs, Duration responseTimeout,
			Duration answerDelay) {

		static Settings fromEnvironment() {
			return new Settings(Integer.parseInt(env("BENCH_TEXTS", "2000")),
					Integer.parseInt(env("BENCH_WINDOW", "10")), Double.parseDouble(env("BENCH_RATE", "20")),
					Integer.parseInt(env("BENCH_DROPS", "2")), Integer.parseInt(env("BENCH_RUNS", "3")),
					Duration.ofMillis(Math.round(Double.parseDouble(env("BENCH_RESPONSE_TIMEOUT", "10")) * 1000)),
					Duration.ofMillis(Integer.parseInt(env("BENCH_ANSWER_DELAY", "0"))));
		}

	}

	/** One reminder: its number, its owner and its body. */
	record Reminder(String e164, UUID account, String body, String encoding, int segments) {

		String digits() {
			return e164.substring(1);
		}

	}

	/** What one run measured. */
	record Result(int run, int texts, int segmentsPlanned, int segmentsReceived, double wallSeconds,
			double sendingSeconds, double queueSeconds, List<Double> pauses, int linkBinds, int delivered,
			int unconfirmedHad, int unconfirmedIncomplete, int lost, int twice, int garbled,
			Map<String, Integer> statuses, double loadStart, double loadEnd, double loadMax) {

		double segmentsPerSecond() {
			return segmentsReceived / wallSeconds;
		}

		double textsPerSecond() {
			return texts / wallSeconds;
		}

		int unconfirmed() {
			return statuses.getOrDefault("UNCONFIRMED", 0);
		}

		boolean clean() {
			return lost == 0 && twice == 0 && garbled == 0;
		}

	}

	@Test
	void run() throws Exception {
		Settings settings = Settings.fromEnvironment();
		say("Haven's SMPP link -> in-process SMSC (DemoSmsc) over TCP on 127.0.0.1, %d runs", settings.runs());
		say("%s", describe(settings));
		say("PostgreSQL %s: fsync %s, synchronous_commit %s, full_page_writes %s", show("server_version"),
				show("fsync"), show("synchronous_commit"), show("full_page_writes"));
		say("Machine: %d cores (%s), Java %s, load average %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
				System.getProperty("java.version"), loadAverages());

		List<Reminder> reminders = people(settings.texts());
		int segmentsPlanned = reminders.stream().mapToInt(Reminder::segments).sum();
		Map<String, Long> byKind = reminders.stream()
			.collect(Collectors.groupingBy(r -> r.encoding() + " " + r.segments() + "-part", TreeMap::new,
					Collectors.counting()));
		say("Texts: %d to %d numbers, %d segments (%s)", reminders.size(), reminders.size(), segmentsPlanned,
				byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));

		List<Result> results = new ArrayList<>();
		for (int run = 1; run <= settings.runs(); run++) {
			Result result = run(run, settings, reminders);
			results.add(result);
			say("run %d: %s", run, oneLine(result, settings));
		}
		report(settings, results);
		boolean clean = results.stream().allMatch(Result::clean);
		String verdict = System.getenv("BENCH_VERDICT");
		if (verdict != null && !verdict.isBlank()) {
			Files.writeString(Path.of(verdict), clean ? "clean\n" : "lost or sent twice\n");
		}
		if (!clean) {
			throw new AssertionError("A text was lost, garbled or a segment reached the SMSC twice: see the table");
		}
	}

	/**
	 * The people: one client account per reminder, each with a verified number that asked
	 * for reminders (written as Haven's verification leaves it: the code flow itself is
	 * not what is measured).
	 */
	private List<Reminder> people(int count) throws Exception {
		long began = System.nanoTime();
		String run = Long.toString(System.currentTimeMillis(), 36);
		BenchAccounts accounts = BenchAccounts.in(context, "bench horse battery staple");
		List<Callable<UUID>> making = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String email = "texts-" + run + "-" + i + "@example.org";
			making.add(() -> accounts.client(email).id());
		}
		List<UUID> ids = new ArrayList<>();
		ExecutorService workers = Executors.newFixedThreadPool(4);
		try {
			for (Future<UUID> id : workers.invokeAll(making)) {
				ids.add(id.get());
			}
		}
		finally {
			workers.shutdownNow();
		}
		List<Reminder> reminders = new ArrayList<>();
		OffsetDateTime now = Timestamps.utc(clock.instant());
		new TransactionTemplate(context.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
			for (int i = 0; i < count; i++) {
				// Fictional numbers in the 555 exchange: +1 202 555 0000 and on.
				String e164 = "+1202" + (5550000 + i);
				jdbc.sql("""
						insert into text_number (account_id, e164, verified_at, reminders, updated_at)
						values (:account, :e164, :now, true, :now)""")
					.param("account", ids.get(i))
					.param("e164", e164)
					.param("now", now)
					.update();
				String body = body(i);
				SmsSegments split = SmsSegments.of(body, 0);
				reminders.add(new Reminder(e164, ids.get(i), body, split.encoding().label(), split.size()));
			}
		});
		say("People: %d client accounts with verified numbers that chose reminders, in %.1f s", count,
				(System.nanoTime() - began) / 1e9);
		return reminders;
	}

	/**
	 * Reminder {@code i}: most are one GSM segment; one in ten is short with a name
	 * outside GSM's alphabet (one UCS-2 segment); one in ten is long, in turn two and
	 * three GSM segments and two and three UCS-2 segments.
	 */
	static String body(int i) {
		String tag = " [" + i + "]";
		if (i % 10 == 0) {
			return switch ((i / 10) % 4) {
				case 0 -> "Haven: a reminder of your video session with Dr. Rivera tomorrow, Tuesday 14 January, "
						+ "at 10:00 (New York time). Please join from a quiet, private place a few minutes early; "
						+ "the waiting room opens 10 minutes before. To move it, use Haven's calendar. Reply STOP "
						+ "to stop reminders." + tag;
				case 1 -> "Haven: a reminder of your video session with Dr. Rivera tomorrow, Tuesday 14 January, "
						+ "at 10:00 (New York time). Please join from a quiet, private place a few minutes early; "
						+ "the waiting room opens 10 minutes before, and the device check there tests your camera, "
						+ "microphone and connection. If you need to move or cancel it, use Haven's calendar at "
						+ "least 24 hours ahead. Reply STOP to stop reminders." + tag;
				case 2 -> "Haven: Zoë, przypominamy o sesji wideo z dr Łucją Nowak jutro, wtorek 14 stycznia, "
						+ "o 10:00. Odpowiedz STOP, aby zrezygnować." + tag;
				default -> "Haven: Zoë, przypominamy o sesji wideo z dr Łucją Nowak jutro, wtorek 14 stycznia, "
						+ "o 10:00 (czas nowojorski). Poczekalnia otwiera się 10 minut wcześniej. Odpowiedz STOP, "
						+ "aby zrezygnować." + tag;
			};
		}
		if (i % 10 == 5) {
			return "Haven: Zoë, sesja jutro o 10:00. STOP: koniec." + tag;
		}
		return "Haven: your session with Dr. Rivera is tomorrow at 10:00. Reply STOP to stop reminders." + tag;
	}

	private Result run(int number, Settings settings, List<Reminder> reminders) throws Exception {
		int leftover = jdbc.sql("update text_outbox set status = 'FAILED' where status in ('QUEUED', 'SUBMITTED')")
			.update();
		if (leftover > 0) {
			say("run %d: %d texts of an earlier run were still unsettled; set aside", number, leftover);
		}
		int segmentsPlanned = reminders.stream().mapToInt(Reminder::segments).sum();
		Instant notAfter = clock.instant().plus(Duration.ofDays(1));
		long queueBegan = System.nanoTime();
		List<UUID> ids = new ArrayList<>(reminders.size());
		for (Reminder reminder : reminders) {
			ids.add(texting.send(reminder.e164(), reminder.account(), Purpose.REMINDER, reminder.body(), notAfter));
		}
		double queueSeconds = (System.nanoTime() - queueBegan) / 1e9;
		Map<UUID, Reminder> byId = new HashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			byId.put(ids.get(i), reminders.get(i));
		}

		LoadSampler load = new LoadSampler();
		List<Double> pauses = new ArrayList<>();
		int linkBinds;
		List<DemoSmsc.Submitted> submitted;
		Instant lastSettled;
		List<Row> rows;
		try (DemoSmsc smsc = new DemoSmsc(0, SYSTEM_ID, PASSWORD, Clock.systemUTC())) {
			// A carrier's round trip, when asked for: the SMSC takes each submit_sm at
			// once
			// and answers it this much later.
			smsc.answerDelay(settings.answerDelay());
			// Haven's defaults but for the window, the rate and the response timeout
			// chosen.
			TextingProperties defaults = context.getBean(TextingProperties.class);
			TextingProperties properties = new TextingProperties(null, settings.window(), settings.rate(),
					defaults.enquireLink(), settings.responseTimeout(), defaults.rebindMin(), defaults.rebindMax(),
					defaults.giveUpAfter(), 0, defaults.defaultRegion(), defaults.practiceName(),
					defaults.helpContact(), defaults.codesPerAddress());
			TextingProperties.Smsc target = new TextingProperties.Smsc("127.0.0.1", smsc.port(), SYSTEM_ID, PASSWORD,
					"", DemoSmsc.HAVEN_NUMBER, (byte) 1, (byte) 1, false);
			SmppLink link = new SmppLink(outbox, properties, target, new SmscListener(outbox, inbound, clock),
					recipients, clock);
			load.start();
			link.start();
			try {
				Duration sending = Duration.ofMillis(Math.round(segmentsPlanned / settings.rate() * 1000));
				Instant deadline = Instant.now()
					.plus(sending.multipliedBy(3))
					.plus(settings.responseTimeout().multipliedBy(2L * (settings.drops() + 1)))
					.plus(Duration.ofMinutes(5));
				for (int drop = 1; drop <= settings.drops(); drop++) {
					int at = (int) ((long) segmentsPlanned * drop / (settings.drops() + 1));
					awaitUntil(() -> smsc.submitted().size() >= at, 2, deadline,
							"the SMSC to receive " + at + " segments");
					int bindsBefore = smsc.binds();
					long dropped = System.nanoTime();
					smsc.dropLinks();
					awaitUntil(() -> smsc.binds() > bindsBefore, 2, deadline, "Haven to bind again");
					int received = smsc.submitted().size();
					int[] polls = { 0 };
					// The database only now and then: the poll must not load the machine.
					awaitUntil(() -> smsc.submitted().size() > received || (++polls[0] % 100 == 0 && unsettled() == 0),
							2, deadline, "sending to resume");
					double pause = (System.nanoTime() - dropped) / 1e9;
					pauses.add(pause);
					say("run %d: link dropped after %d of %d segments; bound again and sending %.1f s later", number,
							at, segmentsPlanned, pause);
				}
				awaitUntil(() -> unsettled() == 0, 200, deadline, "every text to be settled");
			}
			finally {
				linkBinds = link.binds();
				link.stop();
				load.stop();
			}
			submitted = smsc.submitted();
			rows = rows(ids);
			lastSettled = rows.stream().map(Row::doneAt).max(Instant::compareTo).orElseThrow();
		}

		// What the SMSC received, segment by segment, against what Haven recorded.
		Map<String, Integer> copies = new HashMap<>();
		Map<String, Map<Integer, String>> partsByNumber = new HashMap<>();
		for (DemoSmsc.Submitted segment : submitted) {
			int index = segment.concat().map(SmsSegments.Concat::index).orElse(1);
			String key = segment.to() + "/" + segment.concat().map(c -> c.ref() + "/" + c.index()).orElse("-");
			copies.merge(key, 1, Integer::sum);
			partsByNumber.computeIfAbsent(segment.to(), k -> new TreeMap<>()).putIfAbsent(index, segment.text());
		}
		int twice = copies.values().stream().mapToInt(n -> n - 1).sum();
		int delivered = 0;
		int unconfirmedHad = 0;
		int unconfirmedIncomplete = 0;
		int lost = 0;
		int garbled = 0;
		Map<String, Integer> statuses = new TreeMap<>();
		for (Row row : rows) {
			statuses.merge(row.status(), 1, Integer::sum);
			Reminder reminder = byId.get(row.id());
			Map<Integer, String> parts = partsByNumber.getOrDefault(reminder.digits(), Map.of());
			switch (row.status()) {
				case "DELIVERED" -> {
					delivered++;
					if (parts.size() != reminder.segments()
							|| !String.join("", parts.values()).equals(reminder.body())) {
						garbled++;
					}
				}
				case "UNCONFIRMED" -> {
					// The segment whose answer never came: the first one Haven has no
					// answer for.
					if (parts.containsKey(row.segmentsSent() + 1)) {
						unconfirmedHad++;
						if (row.segmentsSent() + 1 < reminder.segments()) {
							unconfirmedIncomplete++;
						}
					}
					else {
						lost++;
					}
				}
				default -> lost++;
			}
		}
		Instant firstSubmit = submitted.stream().map(DemoSmsc.Submitted::at).min(Instant::compareTo).orElseThrow();
		long firstNanos = submitted.stream().mapToLong(DemoSmsc.Submitted::nanos).min().orElseThrow();
		long lastNanos = submitted.stream().mapToLong(DemoSmsc.Submitted::nanos).max().orElseThrow();
		double wall = Duration.between(firstSubmit, lastSettled).toNanos() / 1e9;
		return new Result(number, ids.size(), segmentsPlanned, submitted.size(), wall, (lastNanos - firstNanos) / 1e9,
				queueSeconds, pauses, linkBinds, delivered, unconfirmedHad, unconfirmedIncomplete, lost, twice, garbled,
				statuses, load.first, load.last, load.max);
	}

	record Row(UUID id, String status, int segmentsSent, Instant doneAt) {
	}

	private List<Row> rows(List<UUID> ids) {
		return jdbc.sql("select id, status, segments_sent, done_at from text_outbox where id in (:ids)")
			.param("ids", ids)
			.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("status"),
					rs.getInt("segments_sent"), rs.getObject("done_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Texts not yet settled: all of them this run's, since earlier runs' were set aside.
	 */
	private long unsettled() {
		return jdbc.sql("select count(*) from text_outbox where status in ('QUEUED', 'SUBMITTED')")
			.query(Long.class)
			.single();
	}

	private static void awaitUntil(BooleanSupplier condition, long pollMillis, Instant deadline, String what)
			throws InterruptedException {
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Gave up waiting for " + what);
			}
			Thread.sleep(pollMillis);
		}
	}

	private String show(String setting) {
		return jdbc.sql("show " + setting).query(String.class).single();
	}

	// The report.

	private static String oneLine(Result r, Settings settings) {
		return String.format(Locale.ROOT,
				"%.1f s, %.1f segments/s (%.0f %% of %s/s), %.1f texts/s, binds %d, delivered %d, unconfirmed %d "
						+ "(SMSC had %d), lost %d, sent twice %d, pauses %s s, queued in %.1f s, load %.2f-%.2f",
				r.wallSeconds(), r.segmentsPerSecond(), 100 * r.segmentsPerSecond() / settings.rate(),
				number(settings.rate()), r.textsPerSecond(), r.linkBinds(), r.delivered(), r.unconfirmed(),
				r.unconfirmedHad(), r.lost(), r.twice(), pauses(r), r.queueSeconds(), r.loadStart(), r.loadEnd());
	}

	private static void report(Settings settings, List<Result> results) {
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "run", "texts", "segments", "wall s", "sending s", "segments/s", "of rate", "texts/s",
				"pause per drop s", "binds", "delivered", "unconfirmed", "of which SMSC had", "left incomplete", "lost",
				"sent twice", "load 1 min: start, end, max" });
		for (Result r : results) {
			table.add(new String[] { Integer.toString(r.run()), Integer.toString(r.texts()),
					r.segmentsReceived() + "/" + r.segmentsPlanned(), fixed(r.wallSeconds(), 1),
					fixed(r.sendingSeconds(), 1), fixed(r.segmentsPerSecond(), 2),
					fixed(100 * r.segmentsPerSecond() / settings.rate(), 1) + " %", fixed(r.textsPerSecond(), 2),
					pauses(r), Integer.toString(r.linkBinds()), Integer.toString(r.delivered()),
					Integer.toString(r.unconfirmed()), Integer.toString(r.unconfirmedHad()),
					Integer.toString(r.unconfirmedIncomplete()), Integer.toString(r.lost()),
					Integer.toString(r.twice()),
					fixed(r.loadStart(), 2) + ", " + fixed(r.loadEnd(), 2) + ", " + fixed(r.loadMax(), 2) });
		}
		if (results.size() > 1) {
			table
				.add(new String[] { "median (min-max)", "", "", spread(results, Result::wallSeconds, 1),
						spread(results, Result::sendingSeconds, 1), spread(results, Result::segmentsPerSecond, 2),
						spread(results, r -> 100 * r.segmentsPerSecond() / settings.rate(), 1) + " %",
						spread(results, Result::textsPerSecond, 2),
						spread(results, r -> r.pauses().stream().mapToDouble(Double::doubleValue).average().orElse(0),
								1),
						spread(results, Result::linkBinds, 0), spread(results, Result::delivered, 0),
						spread(results, Result::unconfirmed, 0), spread(results, Result::unconfirmedHad, 0),
						spread(results, Result::unconfirmedIncomplete, 0),
						"total " + results.stream().mapToInt(Result::lost).sum(),
						"total " + results.stream().mapToInt(Result::twice).sum(), "" });
		}
		int[] widths = new int[table.get(0).length];
		for (String[] row : table) {
			for (int c = 0; c < row.length; c++) {
				widths[c] = Math.max(widths[c], row[c].length());
			}
		}
		say("");
		say("%s", describe(settings));
		for (int r = 0; r < table.size(); r++) {
			StringBuilder line = new StringBuilder("|");
			for (int c = 0; c < widths.length; c++) {
				String cell = table.get(r)[c];
				line.append(' ').append(c == 0 ? pad(cell, widths[c], false) : pad(cell, widths[c], true)).append(" |");
			}
			say("%s", line);
			if (r == 0) {
				StringBuilder rule = new StringBuilder("|");
				for (int c = 0; c < widths.length; c++) {
					rule.append(c == 0 ? " " + "-".repeat(widths[c]) + " |" : " " + "-".repeat(widths[c] - 1) + ": |");
				}
				say("%s", rule);
			}
		}
		int garbled = results.stream().mapToInt(Result::garbled).sum();
		Set<String> other = results.stream()
			.flatMap(r -> r.statuses().keySet().stream())
			.filter(s -> !s.equals("DELIVERED") && !s.equals("UNCONFIRMED"))
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		say("");
		say("wall: first submit_sm at the SMSC to the last text settled in Haven (its last receipt, or its answer given up); "
				+ "sending: first to last submit_sm; segments/s and texts/s over the wall time; the rate limits segments.");
		say("unconfirmed: the answer to a segment was lost in a drop; Haven does not send it again. 'SMSC had' counts those whose "
				+ "segment the SMSC did receive; 'left incomplete' those of them with later segments never sent.");
		say("lost: neither delivered nor unconfirmed, or unconfirmed and the SMSC never received the segment. "
				+ "Sent twice: segments (number, UDH reference and index) the SMSC received more than once.");
		if (garbled > 0) {
			say("%d delivered texts did not reach the SMSC whole and unchanged", garbled);
		}
		if (!other.isEmpty()) {
			say("other outcomes: %s", other);
		}
		say("%s", results.stream().allMatch(Result::clean) ? "Nothing lost, nothing sent twice."
				: "LOST OR SENT TWICE: see the table.");
	}

	private static String describe(Settings settings) {
		return String.format(Locale.ROOT,
				"%d reminders, window %d, rate %s segments/s, %d drops, response timeout %s s, the SMSC answers %s",
				settings.texts(), settings.window(), number(settings.rate()), settings.drops(),
				number(settings.responseTimeout().toMillis() / 1000.0), settings.answerDelay().isZero() ? "at once"
						: settings.answerDelay().toMillis() + " ms after taking each submit_sm");
	}

	private static String pauses(Result r) {
		return r.pauses().isEmpty() ? "-" : r.pauses().stream().map(p -> fixed(p, 1)).collect(Collectors.joining(", "));
	}

	private static String spread(List<Result> results, ToDoubleFunction<Result> figure, int decimals) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		double median = values.length % 2 == 1 ? values[values.length / 2]
				: (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
		return fixed(median, decimals) + " (" + fixed(values[0], decimals) + "-"
				+ fixed(values[values.length - 1], decimals) + ")";
	}

	private static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String number(double value) {
		return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
	}

	private static String pad(String text, int width, boolean right) {
		String padding = " ".repeat(Math.max(0, width - text.length()));
		return right ? padding + text : text + padding;
	}

	private static void say(String format, Object... args) {
		String text = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
		for (String line : text.split("\n", -1)) {
			System.out.println(PREFIX + line);
		}
		System.out.flush();
	}

	private static String env(String name, String otherwise) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? otherwise : value;
	}

	private static String loadAverages() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static double load() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	/** The 1-minute load average at the start, the end, and its highest in between. */
	private static final class LoadSampler {

		private volatile double first = Double.NaN;

		private volatile double last = Double.NaN;

		private volatile double max = Double.NaN;

		private Thread thread;

		void start() {
			first = load();
			max = first;
			thread = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					double now = load();
					max = Math.max(max, now);
					try {
						Thread.sleep(1000);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "bench-load");
			thread.setDaemon(true);
			thread.start();
		}

		void stop() throws InterruptedException {
			thread.interrupt();
			thread.join();
			last = load();
			max = Math.max(max, last);
		}

	}

}

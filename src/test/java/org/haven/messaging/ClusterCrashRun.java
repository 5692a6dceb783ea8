package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.messaging.ChatCrashTests.JAR;
import static org.haven.messaging.ChatCrashTests.KILL_AFTER_ACKS;
import static org.haven.messaging.ChatCrashTests.RATE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import redis.embedded.RedisServer;

/**
 * The crash test on two nodes: A and B share one PostgreSQL, one Redis and the encryption
 * keys; the clients are connected to A and the therapists to B. A is killed with SIGKILL
 * mid-stream; its clients reconnect to B as the page does (each conversation opened after
 * the page's watermark, every message without an ack sent again under its client id) and
 * go on chatting there. Then every conversation is read back.
 */
final class ClusterCrashRun {

	/**
	 * After the reconnect each person sends one message a second, which their flood
	 * budget (shared through Redis, so what they sent on A still counts) holds for long.
	 */
	static final int RATE_AFTER = 4;

	static final int ACKS_AFTER = 20;

	private final Path directory;

	private final int portA = HavenProcess.freePort();

	private final int portB = HavenProcess.freePort();

	private final ChatLoad load = new ChatLoad();

	ClusterCrashRun(Path directory) {
		this.directory = directory;
	}

	Result run() throws Exception {
		assertThat(JAR).as("the packaged jar (built by `package`)").exists();
		int redisPort = HavenProcess.freePort();
		RedisServer redis = new RedisServer(redisPort);
		redis.start();
		Map<String, String> env = new HashMap<>(ChatCrashTests.freshPostgreSql());
		env.put("HAVEN_CRYPTO_KEYS", "crash=" + newKey());
		env.put("HAVEN_REDIS_URL", "redis://127.0.0.1:" + redisPort);
		HavenProcess a = null;
		HavenProcess b = null;
		try {
			// One after the other: the second finds the demo people the first made.
			a = start("a", portA, env);
			long startA = a.awaitHealthy();
			b = start("b", portB, env);
			long startB = b.awaitHealthy();
			DemoPairs demo = new DemoPairs(person -> DemoPairs.isClient(person) ? portA : portB);
			load.connect(person -> DemoPairs.isClient(person) ? portA : portB, demo.people(), demo.pairs());
			load.stream(RATE, () -> load.acknowledged() >= KILL_AFTER_ACKS, demo.pairs());
			int exitCode = a.kill();
			load.disconnect(DemoPairs.CLIENTS);
			for (String client : DemoPairs.CLIENTS) {
				load.reconnect(client, portB, demo.people().get(client), demo.pairs());
			}
			int resentAfterKill = load.resendUnacknowledged();
			int acknowledged = load.acknowledged();
			load.stream(RATE_AFTER, () -> load.acknowledged() >= acknowledged + ACKS_AFTER, demo.pairs());
			load.stopStreaming();
			load.awaitAcknowledged(Duration.ofSeconds(10));
			int resentAtEnd = load.resendUnacknowledged();
			awaitPushed(demo.pairs());
			// Only the therapists, whose pages never dropped: an item A stored and died
			// before publishing reaches them only so. The clients must already hold
			// everything, from their reconnect to B and what B pushed since.
			demo.pairs().forEach((conversation, people) -> load.catchUp(people[1], conversation));
			Map<String, List<ChatLoad.Stored>> stored = new LinkedHashMap<>();
			for (String conversation : demo.pairs().keySet()) {
				stored.put(conversation, load.readBack(conversation));
			}
			load.disconnect();
			return new Result(exitCode, startA, startB, load, resentAfterKill, resentAtEnd, demo.pairs(), stored);
		}
		finally {
			try {
				if (a != null) {
					a.stopIfAlive();
				}
				if (b != null) {
					b.stop();
				}
			}
			finally {
				redis.stop();
			}
		}
	}

	private HavenProcess start(String node, int port, Map<String, String> env) throws Exception {
		Path working = Files.createDirectories(directory.resolve(node));
		Map<String, String> own = new HashMap<>(env);
		own.put("HAVEN_NODE_ID", node);
		return HavenProcess.start(JAR, working, port, own, node);
	}

	/**
	 * Gives the pushes on their way a moment, so that the therapists' catch-up counts
	 * only what never came live.
	 */
	private void awaitPushed(Map<String, String[]> pairs) {
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.until(() -> load.acks()
					.values()
					.stream()
					.allMatch(ack -> List.of(pairs.get(ack.conversation()))
						.stream()
						.allMatch(person -> load.timelines().held(person, ack.conversation()).contains(ack.seq()))));
		}
		catch (ConditionTimeoutException ex) {
			// Never pushed (A died between storing and publishing): the catch-up brings
			// it.
		}
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	record Result(int exitCode, long startAMillis, long startBMillis, ChatLoad load, int resentAfterKill,
			int resentAtEnd, Map<String, String[]> pairs, Map<String, List<ChatLoad.Stored>> stored) {

		/** Every ack, before and after the kill, and what became of them. */
		CrashTally tally() {
			return new CrashTally(load.acks(), load.sent(), stored);
		}

		int acknowledgedBeforeKill() {
			return load.acknowledgedBeforeCrash().size();
		}

		List<String> lostBeforeKill() {
			return new CrashTally(load.acknowledgedBeforeCrash(), load.sent(), stored).lost();
		}

		/**
		 * Items of a conversation that one of its two people's page never received, live,
		 * as an ack or caught up.
		 */
		List<String> unseen() {
			List<String> unseen = new ArrayList<>();
			pairs.forEach((conversation, people) -> {
				for (String person : people) {
					stored.get(conversation)
						.stream()
						.filter(item -> !load.timelines().held(person, conversation).contains(item.seq()))
						.forEach(item -> unseen.add(person + " " + conversation + "#" + item.seq()));
				}
			});
			return unseen;
		}

		private long count(boolean clients, Timelines.Way way) {
			return pairs.values()
				.stream()
				.map(people -> people[clients ? 0 : 1])
				.distinct()
				.mapToLong(person -> load.timelines().count(person, way))
				.sum();
		}

		void print() {
			CrashTally tally = tally();
			System.out
				.printf("%nCrash test on two nodes (clients on A, therapists on B, A killed): sent %d, acknowledged "
						+ "before the kill %d and in all %d, lost %d, duplicated %d, reused sequence numbers %d, resent after "
						+ "the reconnect to B %d and after refusals for flood %d, missing after the resend %d; killed with exit "
						+ "code %d (137 = SIGKILL); the therapists on B received %d items live and %d on catch-up, the clients "
						+ "caught up %d on reconnecting to B; healthy after %d ms (A, empty database) and %d ms (B); ack after "
						+ "sending p50 %.1f ms, p99 %.1f ms%n%n", load.sent().size(), acknowledgedBeforeKill(),
						load.acks().size(), tally.lost().size(), tally.duplicated().size(), tally.reused().size(),
						resentAfterKill, resentAtEnd, tally.missing().size(), exitCode,
						count(false, Timelines.Way.LIVE), count(false, Timelines.Way.CAUGHT_UP),
						count(true, Timelines.Way.CAUGHT_UP), startAMillis, startBMillis, load.ackMillis(50),
						load.ackMillis(99));
		}

		void assertNothingLost() {
			CrashTally tally = tally();
			assertThat(exitCode).as("Process.destroyForcibly is SIGKILL").isEqualTo(137);
			assertThat(acknowledgedBeforeKill()).as("messages acknowledged before the kill")
				.isGreaterThanOrEqualTo(KILL_AFTER_ACKS);
			assertThat(load.acks()).as("messages acknowledged in all")
				.hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS + ACKS_AFTER);
			assertThat(lostBeforeKill()).as("acknowledged by A, then lost").isEmpty();
			assertThat(tally.lost()).as("acknowledged, then lost").isEmpty();
			assertThat(tally.duplicated()).as("stored twice").isEmpty();
			assertThat(tally.reused()).as("sequence numbers given to two messages").isEmpty();
			assertThat(tally.missing()).as("sent, resent, and still not stored").isEmpty();
			assertThat(count(false, Timelines.Way.LIVE)).as("items that reached B from A through Redis, live")
				.isPositive();
			assertThat(unseen()).as("items a page never received, live or on catch-up").isEmpty();
		}

	}

}

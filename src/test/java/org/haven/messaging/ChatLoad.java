package org.haven.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.haven.support.WebSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat pages of the crash test's people: one /ws socket each, messages with unique
 * client ids, every ack kept, what each page holds (its {@link Timelines}), and what was
 * not acknowledged sent again under the same client id after a restart or a reconnect.
 */
final class ChatLoad {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	record Message(String clientId, String conversation, String sender, String text) {
	}

	record Ack(String conversation, long seq) {
	}

	record Stored(long seq, String clientId) {
	}

	private final List<Message> sent = new CopyOnWriteArrayList<>();

	private final Map<String, Ack> acks = new ConcurrentHashMap<>();

	private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

	private final List<Long> ackMicros = new CopyOnWriteArrayList<>();

	private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

	private final AtomicInteger frameIds = new AtomicInteger();

	private final Timelines timelines = new Timelines();

	private volatile Map<String, Ack> acknowledgedBeforeCrash;

	private volatile int resent;

	private volatile Thread writer;

	int acknowledged() {
		return acks.size();
	}

	/** Every ack received so far, before and after a crash. */
	Map<String, Ack> acks() {
		return Map.copyOf(acks);
	}

	Timelines timelines() {
		return timelines;
	}

	List<String> sent() {
		return sent.stream().map(Message::clientId).toList();
	}

	Map<String, Ack> acknowledgedBeforeCrash() {
		return acknowledgedBeforeCrash;
	}

	/**
	 * The p-th percentile (nearest rank) of the time from sending to the ack, in ms, over
	 * the stream before the kill.
	 */
	double ackMillis(double p) {
		List<Long> sorted = ackMicros.stream().sorted().toList();
		return sorted.isEmpty() ? Double.NaN
				: sorted.get(Math.max(0, (int) Math.ceil(p / 100 * sorted.size()) - 1)) / 1000.0;
	}

	int resent() {
		return resent;
	}

	/**
	 * Every person opens /ws with their session and opens each of their conversations.
	 */
	void connect(int port, Map<String, WebSession> people, Map<String, String[]> pairs) {
		connect(person -> port, people, pairs);
	}

	/** As above, each person on the node at {@code portOf} them. */
	void connect(ToIntFunction<String> portOf, Map<String, WebSession> people, Map<String, String[]> pairs) {
		people.forEach((email, session) -> {
			Socket socket = new Socket(email, portOf.applyAsInt(email), session);
			sockets.put(email, socket);
			conversationsOf(email, pairs).forEach(conversation -> {
				String id = socket.send(frame("chat-open").put("conversation", conversation));
				assertThat(socket.reply(id, "chat-opened").path("conversation").asString()).isEqualTo(conversation);
				hold(email, conversation, socket.reply(id, "chat-items").path("items"), Timelines.Way.OPENED);
			});
		});
	}

	/**
	 * As the page does when its socket dropped: a new socket to whichever node answers,
	 * and each conversation opened again after the page's watermark; what that brings is
	 * caught up.
	 */
	void reconnect(String person, int port, WebSession session, Map<String, String[]> pairs) {
		Socket socket = new Socket(person, port, session);
		sockets.put(person, socket);
		for (String conversation : conversationsOf(person, pairs)) {
			long after = timelines.watermark(person, conversation);
			String id = socket.send(frame("chat-open").put("conversation", conversation).put("after", after));
			assertThat(socket.reply(id, "chat-opened").path("conversation").asString()).isEqualTo(conversation);
			hold(person, conversation, changesAfter(socket, conversation, after, socket.reply(id, "chat-items")),
					Timelines.Way.CAUGHT_UP);
		}
	}

	/**
	 * As the page does when a pushed item skips ahead of its watermark: asks for the
	 * changes after the watermark.
	 */
	void catchUp(String person, String conversation) {
		hold(person, conversation,
				changesAfter(sockets.get(person), conversation, timelines.watermark(person, conversation), null),
				Timelines.Way.CAUGHT_UP);
	}

	private void hold(String person, String conversation, Iterable<JsonNode> items, Timelines.Way way) {
		items.forEach(item -> timelines.add(person, conversation, item.path("seq").asLong(), way));
	}

	private static List<String> conversationsOf(String person, Map<String, String[]> pairs) {
		return pairs.entrySet()
			.stream()
			.filter(pair -> List.of(pair.getValue()).contains(person))
			.map(Map.Entry::getKey)
			.toList();
	}

	/**
	 * Sends {@code rate} messages a second, round the conversations and alternating their
	 * two parties, from a thread of its own until the sockets fail (the process was
	 * killed); returns once {@code until} holds.
	 */
	void stream(int rate, BooleanSupplier until, Map<String, String[]> pairs) {
		List<String> conversations = new ArrayList<>(pairs.keySet());
		writer = new Thread(() -> {
			long start = System.nanoTime();
			for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
				LockSupport.parkNanos(start + i * 1_000_000_000L / rate - System.nanoTime());
				String conversation = conversations.get(i % conversations.size());
				String sender = pairs.get(conversation)[(i / conversations.size()) % 2];
				String clientId = UUID.randomUUID().toString();
				Message message = new Message(clientId, conversation, sender,
						"Crash test message " + i + " " + clientId);
				Socket socket = sockets.get(sender);
				sent.add(message);
				if (acknowledgedBeforeCrash == null) {
					sentAt.put(clientId, System.nanoTime());
				}
				if (socket == null || !socket.trySend(sendFrame(message))) {
					return;
				}
			}
		}, "chat-crash-sender");
		writer.setDaemon(true);
		writer.start();
		Awaitility.await("acknowledgements before the kill")
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(until::getAsBoolean);
	}

	/**
	 * Closes every socket; the first time (after the kill), keeps the acks received so
	 * far.
	 */
	void disconnect() throws InterruptedException {
		disconnect(List.copyOf(sockets.keySet()));
	}

	/**
	 * Stops the stream and closes these people's sockets; the first time (after the
	 * kill), keeps the acks received so far.
	 */
	void disconnect(Collection<String> people) throws InterruptedException {
		stopStreaming();
		if (acknowledgedBeforeCrash == null) {
			acknowledgedBeforeCrash = Map.copyOf(acks);
			sentAt.clear();
		}
		people.forEach(person -> sockets.remove(person).close());
	}

	void stopStreaming() throws InterruptedException {
		if (writer != null) {
			writer.interrupt();
			writer.join(10_000);
			writer = null;
		}
	}

	/**
	 * Waits up to {@code atMost} for the acks of what is on its way, so that only what
	 * was refused (flood) is sent again.
	 */
	void awaitAcknowledged(Duration atMost) {
		try {
			Awaitility.await().atMost(atMost).until(() -> sent.stream().allMatch(m -> acks.containsKey(m.clientId())));
		}
		catch (ConditionTimeoutException ex) {
			// Refused ones: resendUnacknowledged sends them again.
		}
	}

	/**
	 * As the chat page does after reconnecting: every message without an ack, again,
	 * under its client id. Returns how many frames this sent.
	 */
	int resendUnacknowledged() {
		int before = resent;
		for (int round = 0; round < 20; round++) {
			List<Message> waiting = sent.stream().filter(m -> !acks.containsKey(m.clientId())).toList();
			if (waiting.isEmpty()) {
				return resent - before;
			}
			// Within each person's budget (20 at once, then 2 a second): a refused one
			// comes round again.
			for (Message message : waiting) {
				sockets.get(message.sender()).trySend(sendFrame(message));
				resent++;
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150));
			}
			try {
				Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.until(() -> waiting.stream().allMatch(m -> acks.containsKey(m.clientId())));
			}
			catch (ConditionTimeoutException ex) {
				// Some were refused (flood): the next round sends them again.
			}
		}
		throw new AssertionError("Messages still without an ack after 20 rounds of resending");
	}

	/**
	 * Every item of the conversation, from the start, as a page that reloads its timeline
	 * reads it.
	 */
	List<Stored> readBack(String conversation) {
		Socket socket = sockets.values()
			.stream()
			.filter(s -> s.opened.contains(conversation))
			.findFirst()
			.orElseThrow();
		List<Stored> items = new ArrayList<>();
		for (JsonNode item : changesAfter(socket, conversation, 0, null)) {
			if (item.path("kind").asString().equals("chat")) {
				items.add(new Stored(item.path("seq").asLong(), item.path("clientId").asString()));
			}
		}
		return Collections.unmodifiableList(items);
	}

	/**
	 * The items changed after {@code after}: those of {@code first} (an answer already
	 * received, or null to ask) and of every page that follows while more remain.
	 */
	private List<JsonNode> changesAfter(Socket socket, String conversation, long after, JsonNode first) {
		List<JsonNode> items = new ArrayList<>();
		long mark = after;
		JsonNode page = first;
		while (true) {
			if (page == null) {
				String id = socket.send(frame("chat-sync").put("conversation", conversation).put("after", mark));
				page = socket.reply(id, "chat-items");
			}
			for (JsonNode item : page.path("items")) {
				items.add(item);
				mark = Math.max(mark, item.path("rev").asLong());
			}
			if (!page.path("more").asBoolean()) {
				return items;
			}
			page = null;
		}
	}

	private ObjectNode sendFrame(Message message) {
		return frame("chat-send").put("conversation", message.conversation())
			.put("clientId", message.clientId())
			.put("text", message.text());
	}

	private ObjectNode frame(String type) {
		return JSON.createObjectNode().put("type", type).put("id", "c" + frameIds.incrementAndGet());
	}

	/**
	 * One person's /ws: acks are recorded as they arrive; replies wait in a queue for
	 * whoever asked.
	 */
	private final class Socket implements WebSocket.Listener {

		private final String person;

		private final WebSocket socket;

		private final Map<String, BlockingQueue<JsonNode>> replies = new ConcurrentHashMap<>();

		private final Set<String> opened = ConcurrentHashMap.newKeySet();

		private final StringBuilder partial = new StringBuilder();

		Socket(String person, int port, WebSession session) {
			this.person = person;
			this.socket = HTTP.newWebSocketBuilder()
				.header("Cookie", session.cookieHeader())
				.header("Origin", "http://localhost:" + port)
				.buildAsync(URI.create("ws://localhost:" + port + "/ws"), this)
				.orTimeout(10, TimeUnit.SECONDS)
				.join();
		}

		String send(ObjectNode frame) {
			if (frame.path("type").asString().equals("chat-open")) {
				opened.add(frame.path("conversation").asString());
			}
			socket.sendText(JSON.writeValueAsString(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
			return frame.path("id").asString();
		}

		/** False once the socket is gone. */
		synchronized boolean trySend(ObjectNode frame) {
			try {
				socket.sendText(JSON.writeValueAsString(frame), true).get(5, TimeUnit.SECONDS);
				return true;
			}
			catch (Exception ex) {
				return false;
			}
		}

		JsonNode reply(String id, String type) {
			try {
				BlockingQueue<JsonNode> queue = replies.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
				JsonNode frame = queue.poll(15, TimeUnit.SECONDS);
				assertThat(frame).as("a reply to " + id).isNotNull();
				assertThat(frame.path("type").asString()).as(frame.toString()).isEqualTo(type);
				return frame;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				JsonNode frame = JSON.readTree(partial.toString());
				partial.setLength(0);
				String type = frame.path("type").asString();
				if (type.equals("chat-ack")) {
					String clientId = frame.path("clientId").asString();
					Long at = sentAt.remove(clientId);
					if (at != null) {
						ackMicros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - at));
					}
					Ack ack = new Ack(frame.path("conversation").asString(), frame.path("seq").asLong());
					acks.putIfAbsent(clientId, ack);
					timelines.add(person, ack.conversation(), ack.seq(), Timelines.Way.ACK);
				}
				else if (type.equals("chat-item")) {
					timelines.add(person, frame.path("conversation").asString(),
							frame.path("item").path("seq").asLong(), Timelines.Way.LIVE);
				}
				else if (frame.has("re") && !(type.equals("error") && isSendRefusal(frame))) {
					replies.computeIfAbsent(frame.path("re").asString(), k -> new LinkedBlockingQueue<>()).add(frame);
				}
			}
			webSocket.request(1);
			return null;
		}

		/**
		 * A chat-send refused for now (flood, busy): the resend rounds take care of it.
		 */
		private boolean isSendRefusal(JsonNode frame) {
			String code = frame.path("code").asString();
			return code.equals("flood") || code.equals("unavailable");
		}

		void close() {
			socket.abort();
		}

	}

}

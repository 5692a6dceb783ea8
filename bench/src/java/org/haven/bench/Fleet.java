package org.haven.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The open sockets of every pair against one target, Haven's {@code /ws} or the raw relay, and the reading of
 * what arrives on them. Both targets get the same frame, a {@code chat-send} of the same size; the relay
 * hands it on as it is, Haven answers the sender with {@code chat-ack} and the other party with
 * {@code chat-item}. Either way the message is known by its {@code clientId}, which names the run and the
 * message's number in it.
 */
final class Fleet implements BenchSocket.Recorder, AutoCloseable {

	static final String TEXT_PAD = "Thanks for today. I tried the breathing exercise twice this morning and it helped a bit; "
			+ "the evenings are still hard, so I wrote down what happened before it started, as you asked. See you next week. ";

	private final String name;
	private final boolean haven;
	private final BenchPeople.Pair[] pairs;
	private final BenchSocket[] sockets;
	private final Map<Integer, LoadRun> runs = new ConcurrentHashMap<>();
	private final AtomicLong sendFailures = new AtomicLong();
	private final AtomicLong strayFrames = new AtomicLong();

	private Fleet(String name, boolean haven, BenchPeople.Pair[] pairs) {
		this.name = name;
		this.haven = haven;
		this.pairs = pairs;
		this.sockets = new BenchSocket[pairs.length * 2];
	}

	/** The raw relay's sockets: pair {@code p}'s client is side 0, its therapist side 1. */
	static Fleet relay(int port, BenchPeople.Pair[] pairs, List<HttpClient> clients) {
		Fleet fleet = new Fleet("raw relay", false, pairs);
		fleet.connect(clients, i -> URI.create("ws://localhost:" + port + RawRelay.PATH + "?pair=" + (i / 2) + "&side=" + (i % 2)), port);
		return fleet;
	}

	/** Haven's {@code /ws}, each socket subscribed to its pair's conversation with {@code chat-open}. */
	static Fleet haven(int port, BenchPeople.Pair[] pairs, List<HttpClient> clients) throws InterruptedException {
		Fleet fleet = new Fleet("Haven", true, pairs);
		fleet.connect(clients, i -> URI.create("ws://localhost:" + port + "/ws"), port);
		for (BenchSocket socket : fleet.sockets) {
			BenchPeople.Pair pair = pairs[socket.index / 2];
			socket.send("{\"type\":\"chat-open\",\"id\":\"open-" + socket.index + "\",\"conversation\":\"" + pair.conversation() + "\"}",
					null);
		}
		for (BenchSocket socket : fleet.sockets) {
			for (;;) {
				String frame = socket.nextOther(30_000);
				if (frame == null || Frames.type(frame).equals("error") || Frames.type(frame).startsWith("socket-")) {
					throw new IllegalStateException("chat-open failed on socket " + socket.index + ": " + frame);
				}
				if (Frames.type(frame).equals("chat-opened")) {
					break;
				}
			}
		}
		return fleet;
	}

	private void connect(List<HttpClient> clients, IntFunction<URI> uri, int port) {
		// A bounded number of handshakes at a time, as 1,000 people would not all arrive in the same millisecond.
		Semaphore inFlight = new Semaphore(32);
		List<CompletableFuture<BenchSocket>> opening = new ArrayList<>();
		for (int i = 0; i < sockets.length; i++) {
			BenchPeople.Pair pair = pairs[i / 2];
			String cookie = i % 2 == 0 ? pair.client().cookie() : pair.therapist().cookie();
			inFlight.acquireUninterruptibly();
			opening.add(BenchSocket.open(clients.get(i % clients.size()), uri.apply(i),
					Map.of("Cookie", cookie, "Origin", "http://localhost:" + port), i, this, sendFailures)
				.whenComplete((s, ex) -> inFlight.release()));
		}
		for (int i = 0; i < sockets.length; i++) {
			sockets[i] = opening.get(i).orTimeout(60, TimeUnit.SECONDS).join();
		}
	}

	String name() {
		return name;
	}

	int pairs() {
		return pairs.length;
	}

	/** Whether the target answers each message to its sender (Haven's chat-ack); the relay does not. */
	boolean acknowledges() {
		return haven;
	}

	BenchSocket socket(int pair, boolean client) {
		return sockets[pair * 2 + (client ? 0 : 1)];
	}

	long sendFailures() {
		return sendFailures.get();
	}

	long strayFrames() {
		return strayFrames.get();
	}

	/**
	 * Waits until no frame of a finished run has arrived for a second (at most two minutes): a target that fell
	 * behind works off its backlog before anything else is measured.
	 */
	void awaitQuiet() throws InterruptedException {
		long deadline = System.nanoTime() + 120_000_000_000L;
		long seen = strayFrames.get();
		do {
			Thread.sleep(1000);
			long now = strayFrames.get();
			if (now == seen) {
				return;
			}
			seen = now;
		}
		while (System.nanoTime() < deadline);
	}

	void attach(LoadRun run) {
		runs.put(run.id, run);
	}

	void detach(LoadRun run) {
		runs.remove(run.id);
	}

	/** A chat message of about 200 bytes of text, the same frame for both targets. */
	String chatSend(int pair, String clientId) {
		String start = "Message " + clientId + ". ";
		String text = start + TEXT_PAD.substring(0, 200 - start.length());
		return "{\"type\":\"chat-send\",\"id\":\"" + clientId + "\",\"conversation\":\"" + pairs[pair].conversation()
				+ "\",\"clientId\":\"" + clientId + "\",\"text\":\"" + text + "\"}";
	}

	@Override
	public boolean onFrame(BenchSocket socket, String frame, long arrivedNanos) {
		String type = Frames.type(frame);
		switch (type) {
			case "chat-send", "chat-item" -> {
				if (haven == type.equals("chat-item")) {
					return message(Frames.field(frame, "clientId"), (run, i) -> run.delivered(i, socket, arrivedNanos));
				}
				return false;
			}
			case "chat-ack" -> {
				return message(Frames.field(frame, "clientId"), (run, i) -> run.acked(i, arrivedNanos));
			}
			case "error" -> {
				String code = Frames.field(frame, "code");
				if (message(Frames.field(frame, "re"), (run, i) -> run.refused(i, code))) {
					return true;
				}
				runs.values().forEach(run -> run.unmatchedError(code));
				return false;
			}
			default -> {
				return false;
			}
		}
	}

	private interface Message {

		void at(LoadRun run, int index);
	}

	private boolean message(String clientId, Message action) {
		// "r<run>-<message>"
		if (clientId == null || clientId.length() < 4 || clientId.charAt(0) != 'r') {
			return false;
		}
		int dash = clientId.indexOf('-');
		if (dash < 0) {
			return false;
		}
		LoadRun run = runs.get(Integer.parseInt(clientId, 1, dash, 10));
		if (run == null) {
			strayFrames.incrementAndGet();
			return true;
		}
		action.at(run, Integer.parseInt(clientId, dash + 1, clientId.length(), 10));
		return true;
	}

	@Override
	public void close() {
		List<CompletableFuture<?>> closing = new ArrayList<>();
		for (BenchSocket socket : sockets) {
			if (socket != null) {
				closing.add(socket.closeAsync());
			}
		}
		CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).exceptionally(ex -> null).join();
		for (BenchSocket socket : sockets) {
			if (socket != null) {
				socket.abort();
			}
		}
	}
}

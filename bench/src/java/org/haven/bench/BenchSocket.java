package org.haven.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One person's open WebSocket, as a browser tab holds it. Sends are queued one behind the other (the JDK
 * client allows one outstanding text message per socket) without the sender ever waiting for them; every
 * whole frame that arrives is stamped with {@link System#nanoTime()} at once and handed to the recorder.
 * Frames the recorder does not count (answers to chat-open and the like) wait in a queue for the set-up.
 */
final class BenchSocket implements WebSocket.Listener {

	/** What to do with an arriving frame: returns false when it was not a counted message. */
	interface Recorder {

		boolean onFrame(BenchSocket socket, String frame, long arrivedNanos);
	}

	final int index;
	private final Recorder recorder;
	private final BlockingQueue<String> other = new LinkedBlockingQueue<>();
	private final StringBuilder partial = new StringBuilder();
	private final AtomicLong sendFailures;
	private volatile WebSocket socket;
	private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

	private BenchSocket(int index, Recorder recorder, AtomicLong sendFailures) {
		this.index = index;
		this.recorder = recorder;
		this.sendFailures = sendFailures;
	}

	static CompletableFuture<BenchSocket> open(HttpClient http, URI uri, Map<String, String> headers, int index, Recorder recorder,
			AtomicLong sendFailures) {
		BenchSocket listener = new BenchSocket(index, recorder, sendFailures);
		WebSocket.Builder builder = http.newWebSocketBuilder();
		headers.forEach(builder::header);
		return builder.buildAsync(uri, listener).thenApply(ws -> {
			listener.socket = ws;
			return listener;
		});
	}

	/**
	 * Queues a text frame behind the ones before it and returns at once. {@code stamp} runs just before the
	 * frame is handed to the socket, so a run can tell how late its sends were.
	 */
	void send(String text, Runnable stamp) {
		synchronized (this) {
			tail = tail.thenCompose(x -> {
				if (stamp != null) {
					stamp.run();
				}
				return socket.sendText(text, true);
			}).exceptionally(ex -> {
				sendFailures.incrementAndGet();
				return null;
			});
		}
	}

	/** The next frame the recorder did not take, or null after the timeout. */
	String nextOther(long timeoutMillis) throws InterruptedException {
		return other.poll(timeoutMillis, TimeUnit.MILLISECONDS);
	}

	/** Starts the closing handshake, as a tab being closed would. */
	CompletableFuture<?> closeAsync() {
		WebSocket ws = socket;
		if (ws == null || ws.isOutputClosed()) {
			return CompletableFuture.completedFuture(null);
		}
		return ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(ex -> null);
	}

	void abort() {
		WebSocket ws = socket;
		if (ws != null) {
			ws.abort();
		}
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		long now = System.nanoTime();
		String frame;
		if (partial.length() == 0 && last) {
			frame = data.toString();
		}
		else {
			partial.append(data);
			if (!last) {
				return null;
			}
			frame = partial.toString();
			partial.setLength(0);
		}
		if (!recorder.onFrame(this, frame, now)) {
			other.add(frame);
		}
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		other.add("{\"type\":\"socket-error\",\"message\":\"" + error.getClass().getSimpleName() + "\"}");
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		other.add("{\"type\":\"socket-closed\",\"code\":" + statusCode + "}");
		return null;
	}
}

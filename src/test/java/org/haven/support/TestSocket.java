package org.haven.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A browser's end of /ws: a real WebSocket client that sends JSON frames and keeps every
 * frame Haven sends, in order, so that a test can ask for "the next frame" and know
 * nothing came before it.
 */
public final class TestSocket implements AutoCloseable {

	public static final Duration WAIT = Duration.ofSeconds(10);

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

	private final WebSocket socket;

	private final BlockingQueue<JsonNode> frames;

	private final CompletableFuture<Integer> closed;

	private final AtomicInteger ids = new AtomicInteger();

	private TestSocket(WebSocket socket, BlockingQueue<JsonNode> frames, CompletableFuture<Integer> closed) {
		this.socket = socket;
		this.frames = frames;
		this.closed = closed;
	}

	/** Opens /ws as the signed-in person of {@code session}, from a Haven page. */
	public static TestSocket open(int port, WebSession session) {
		return open(port, Map.of("Cookie", session.cookieHeader(), "Origin", "http://localhost:" + port));
	}

	public static TestSocket open(int port, Map<String, String> headers) {
		BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
		CompletableFuture<Integer> closed = new CompletableFuture<>();
		try {
			WebSocket socket = builder(headers).buildAsync(uri(port), new Collector(frames, closed))
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			return new TestSocket(socket, frames, closed);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("The handshake failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("The handshake did not finish", ex);
		}
	}

	/**
	 * Attempts a handshake that must fail; returns the HTTP status Haven answered it
	 * with.
	 */
	public static int refusedHandshake(int port, Map<String, String> headers) {
		try {
			WebSocket socket = builder(headers)
				.buildAsync(uri(port), new Collector(new LinkedBlockingQueue<>(), new CompletableFuture<>()))
				.get(WAIT.toSeconds(), TimeUnit.SECONDS);
			socket.abort();
			throw new AssertionError("The handshake succeeded with " + headers.keySet());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw new AssertionError("The handshake failed without an HTTP answer: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("The handshake did not finish", ex);
		}
	}

	private static WebSocket.Builder builder(Map<String, String> headers) {
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
		headers.forEach(builder::header);
		return builder;
	}

	private static URI uri(int port) {
		return URI.create("ws://localhost:" + port + "/ws");
	}

	/** A frame of the type, to fill in and {@link #send(ObjectNode)}. */
	public static ObjectNode frame(String type) {
		return JSON.createObjectNode().put("type", type);
	}

	/**
	 * Sends the frame with a fresh id unless it has one; returns the id. A frame without
	 * an id goes by {@link #sendRaw}.
	 */
	public String send(ObjectNode frame) {
		if (!frame.has("id")) {
			frame.put("id", "f" + ids.incrementAndGet());
		}
		sendRaw(JSON.writeValueAsString(frame));
		return frame.get("id").asString();
	}

	/** Sends exactly this text, which need not be JSON. */
	public void sendRaw(String text) {
		socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/** The next frame from Haven, failing the test when none comes in time. */
	public JsonNode next() {
		try {
			JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (frame == null) {
				throw new AssertionError("No frame within " + WAIT);
			}
			return frame;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The next frame, which must be of this type. */
	public JsonNode next(String type) {
		JsonNode frame = next();
		assertThat(frame.path("type").asString()).as("the next frame, %s", frame).isEqualTo(type);
		return frame;
	}

	/** The next frame, which must be an error with this code. */
	public JsonNode nextError(String code) {
		JsonNode error = next("error");
		assertThat(error.path("code").asString()).as("the error code of %s", error).isEqualTo(code);
		assertThat(error.path("message").asString()).isNotBlank();
		return error;
	}

	/**
	 * Sends the frame; the next frame must be an error with this code, answering it by
	 * its id.
	 */
	public JsonNode nextErrorFor(ObjectNode frame, String code) {
		String id = send(frame);
		JsonNode error = nextError(code);
		assertThat(error.path("re").asString()).as("the error's re, %s", error).isEqualTo(id);
		return error;
	}

	/**
	 * Proves nothing else arrived: a ping's pong must be the very next frame. Haven
	 * answers a connection's frames in order, so anything relayed to it before the ping
	 * would come first.
	 */
	public void expectNothingElse() {
		String id = send(frame("ping"));
		JsonNode pong = next();
		assertThat(pong.path("type").asString()).as("the next frame, %s", pong).isEqualTo("pong");
		assertThat(pong.path("re").asString()).isEqualTo(id);
	}

	/** Whether Haven has closed the connection by now. */
	public boolean isClosedByServer() {
		return closed.isDone();
	}

	/** Waits for Haven to close the connection; returns the close code. */
	public int awaitClosedByServer() {
		try {
			return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new AssertionError("Haven did not close the connection", ex);
		}
	}

	/**
	 * Closes the connection as a browser leaving the page would, and waits for Haven's
	 * closing answer.
	 */
	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "")
				.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
				.exceptionally(ex -> null)
				.join();
		}
		try {
			closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Gone already or not answering: drop it.
		}
		finally {
			socket.abort();
		}
	}

	/** Collects whole text messages (Haven's frames may arrive in parts) in order. */
	private static final class Collector implements WebSocket.Listener {

		private final BlockingQueue<JsonNode> frames;

		private final CompletableFuture<Integer> closed;

		private final StringBuilder partial = new StringBuilder();

		Collector(BlockingQueue<JsonNode> frames, CompletableFuture<Integer> closed) {
			this.frames = frames;
			this.closed = closed;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				frames.add(JSON.readTree(partial.toString()));
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.completeExceptionally(error);
		}

	}

}

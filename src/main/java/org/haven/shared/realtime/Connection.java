package org.haven.shared.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One browser connection to /ws, as modules see it: whose it is, a thread-safe way to
 * send frames, and a place for each module to keep what it knows about the connection.
 * Identity (equals) is the socket's.
 */
public final class Connection {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	private final WebSocketSession session;

	private final UUID account;

	private final JsonMapper json;

	private final Map<String, Object> state = new ConcurrentHashMap<>();

	private final UUID id = UUID.randomUUID();

	Connection(WebSocketSession raw, UUID account, JsonMapper json) {
		// Sends may come from any thread (another connection's frame, an event); the
		// decorator serializes them.
		// A browser that stops reading is cut off rather than let its queue grow without
		// limit.
		this.session = new ConcurrentWebSocketSessionDecorator(raw, 5000, 512 * 1024);
		this.account = account;
		this.json = json;
	}

	/** This connection's own id, unique across nodes. */
	public UUID id() {
		return id;
	}

	/** The signed-in account the connection was opened with. */
	public UUID account() {
		return account;
	}

	public boolean isOpen() {
		return session.isOpen();
	}

	/** A module's own state for this connection, created on first use. */
	@SuppressWarnings("unchecked")
	public <T> T state(String key, Supplier<T> initial) {
		return (T) state.computeIfAbsent(key, k -> initial.get());
	}

	public ObjectNode frame(String type) {
		return json.createObjectNode().put("type", type);
	}

	/** An answer to the frame with id {@code re}. */
	public ObjectNode reply(String type, String re) {
		ObjectNode frame = frame(type);
		if (re != null && !re.isEmpty()) {
			frame.put("re", re);
		}
		return frame;
	}

	public void error(String re, String code, String message) {
		send(reply("error", re).put("code", code).put("message", message));
	}

	/**
	 * Sends a frame; a connection that is closing loses it quietly (the browser catches
	 * up when it reconnects).
	 */
	public void send(ObjectNode frame) {
		send(json.writeValueAsString(frame));
	}

	/** Sends an already serialized frame (one serialization for many connections). */
	public void send(String frame) {
		try {
			session.sendMessage(new TextMessage(frame));
		}
		catch (IOException | IllegalStateException ex) {
			log.debug("A frame could not be sent on a closing connection: {}", ex.getClass().getSimpleName());
		}
	}

	public String serialize(ObjectNode frame) {
		return json.writeValueAsString(frame);
	}

}

package org.haven.shared.realtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.websocket.Session;
import org.haven.shared.ratelimit.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one WebSocket endpoint, /ws (docs/signaling.md, docs/messaging.md). Every frame is
 * checked here for size, the connection's frame budget, JSON shape and a live HTTP
 * session before the module that owns its type sees it. Frames are never logged: they
 * carry network addresses and what people write.
 */
@Component
class RealtimeEndpoint extends TextWebSocketHandler {

	static final int MAX_FRAME_BYTES = 64 * 1024;

	/**
	 * Frames longer than this (in characters) close the socket (1009) instead of being
	 * answered: their parts are not even kept.
	 */
	static final int CLOSE_ABOVE_CHARS = 4 * MAX_FRAME_BYTES;

	/**
	 * Characters Tomcat buffers per connection before it hands a frame over in parts.
	 * Allocated for every socket whether it ever sends a large frame or not, so it is
	 * small; a frame above it is put together here ({@link Parts}), up to
	 * {@link #MAX_FRAME_BYTES}.
	 */
	static final int TOMCAT_TEXT_BUFFER = 1024;

	/**
	 * How long a socket trusts its last look at the session store (sign-out on this node
	 * closes it at once).
	 */
	static final long SESSION_RECHECK = 2_000_000_000L;

	private static final Logger log = LoggerFactory.getLogger(RealtimeEndpoint.class);

	private static final String CONNECTION = "haven.connection";

	private static final String BUDGET = "haven.budget";

	private static final String CHECKED = "haven.session-checked";

	private static final String PARTS = "haven.parts";

	private final Map<String, FrameHandler> handlers = new HashMap<>();

	private final List<FrameHandler> all;

	private final JsonMapper json;

	private final RateLimits limits;

	private final SessionLiveness httpSessions;

	private final RealtimeConnections connections;

	private final TopicService topics;

	RealtimeEndpoint(List<FrameHandler> handlers, JsonMapper json, RateLimits limits, SessionLiveness httpSessions,
			RealtimeConnections connections, TopicService topics) {
		this.connections = connections;
		this.topics = topics;
		this.all = List.copyOf(handlers);
		for (FrameHandler handler : handlers) {
			for (String type : handler.types()) {
				if (type.equals("ping") || this.handlers.put(type, handler) != null) {
					throw new IllegalStateException("Two handlers for the frame type " + type);
				}
			}
		}
		this.json = json;
		this.limits = limits;
		this.httpSessions = httpSessions;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
		UUID account = account(raw.getPrincipal());
		if (account == null) {
			raw.close(CloseStatus.POLICY_VIOLATION);
			return;
		}
		boundSends(raw);
		raw.getAttributes().put(CONNECTION, new Connection(raw, account, json));
		raw.getAttributes().put(BUDGET, new FrameBudget(limits, account));
		raw.getAttributes().put(CHECKED, System.nanoTime());
		if (raw.getAttributes()
			.get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME) instanceof String sessionId) {
			connections.opened(raw, sessionId, account);
		}
	}

	private static UUID account(Principal principal) {
		if (principal == null) {
			return null;
		}
		try {
			return UUID.fromString(principal.getName());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Frames larger than Tomcat's buffer arrive in parts, put together here. */
	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	protected void handleTextMessage(WebSocketSession raw, TextMessage part) {
		String payload;
		if (part.isLast() && !(raw.getAttributes().get(PARTS) instanceof Parts)) {
			payload = part.getPayload();
		}
		else {
			Parts parts = (Parts) raw.getAttributes().computeIfAbsent(PARTS, key -> new Parts());
			if (!parts.add(part.getPayload())) {
				closeQuietly(raw, CloseStatus.TOO_BIG_TO_PROCESS);
				return;
			}
			if (!part.isLast()) {
				return;
			}
			raw.getAttributes().remove(PARTS);
			payload = parts.frame();
		}
		handleFrame(raw, payload);
	}

	/**
	 * The parts of one frame so far: kept up to just above {@link #MAX_FRAME_BYTES}
	 * (enough to know the frame is too large), counted up to {@link #CLOSE_ABOVE_CHARS}.
	 */
	private static final class Parts {

		private final StringBuilder kept = new StringBuilder();

		private long length;

		boolean add(String part) {
			length += part.length();
			if (kept.length() <= MAX_FRAME_BYTES) {
				kept.append(part, 0, Math.min(part.length(), MAX_FRAME_BYTES + 1 - kept.length()));
			}
			return length <= CLOSE_ABOVE_CHARS;
		}

		/**
		 * The frame as kept: whole when within the limit, else its first
		 * {@code MAX_FRAME_BYTES + 1} characters, which the size check then refuses.
		 */
		String frame() {
			return kept.toString();
		}

	}

	private void handleFrame(WebSocketSession raw, String payload) {
		Connection connection = (Connection) raw.getAttributes().get(CONNECTION);
		if (connection == null) {
			return;
		}
		if (!signedIn(raw)) {
			// Signed out, signed out everywhere, or the session expired: the socket goes
			// with it.
			closeQuietly(raw, CloseStatus.POLICY_VIOLATION.withReason("signed out"));
			return;
		}
		if (payload.length() > MAX_FRAME_BYTES || payload.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
			connection.error(null, "too-large", "A frame may hold at most 64 KiB.");
			return;
		}
		if (!((FrameBudget) raw.getAttributes().get(BUDGET)).take()) {
			connection.error(null, "rate-limited", "Too many frames: slow down.");
			return;
		}
		JsonNode body;
		try {
			body = json.readTree(payload);
		}
		catch (JacksonException ex) {
			connection.error(null, "malformed", "A frame is a JSON object.");
			return;
		}
		if (body == null || !body.isObject()) {
			connection.error(null, "malformed", "A frame is a JSON object with a type.");
			return;
		}
		Frame frame = new Frame("", "", body);
		String id = body.has("id") ? frame.text("id", 64) : "";
		if (id == null) {
			connection.error(null, "malformed", "A frame id is a string of at most 64 characters.");
			return;
		}
		String type = frame.text("type", 32);
		if (type == null) {
			connection.error(id, "malformed", "A frame is a JSON object with a type.");
			return;
		}
		if (type.equals("ping")) {
			connection.send(connection.frame("pong").put("re", id));
			return;
		}
		FrameHandler handler = handlers.get(type);
		if (handler == null) {
			connection.error(id, "unknown-type", "Unknown frame type.");
			return;
		}
		handler.handle(connection, new Frame(type, id, body));
	}

	@Override
	public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
		connections.closed(raw);
		Connection connection = (Connection) raw.getAttributes().remove(CONNECTION);
		if (connection != null) {
			try {
				all.forEach(handler -> handler.closed(connection));
			}
			finally {
				topics.closed(connection);
			}
		}
	}

	/**
	 * Whether the HTTP session the socket was opened with still exists: one look at the
	 * session store every {@link #SESSION_RECHECK} at most ({@link SessionLiveness}: one
	 * indexed column, not the session with its security context). Real time, not the
	 * application clock: this is a cache, not a rule.
	 */
	private boolean signedIn(WebSocketSession raw) {
		long now = System.nanoTime();
		if (raw.getAttributes().get(CHECKED) instanceof Long checked && now - checked < SESSION_RECHECK) {
			return true;
		}
		Object id = raw.getAttributes().get(HttpSessionHandshakeInterceptor.HTTP_SESSION_ID_ATTR_NAME);
		boolean alive = id instanceof String sessionId && httpSessions.isAlive(sessionId);
		if (alive) {
			raw.getAttributes().put(CHECKED, now);
		}
		return alive;
	}

	/**
	 * A write to a socket whose reader stopped reading gives up after
	 * {@link #SEND_TIMEOUT_MILLIS} instead of Tomcat's 20 s: sends for everyone are made
	 * on shared threads (the chat writer pushes every conversation's messages), so one
	 * stalled browser must not hold them up for long. The socket then fails and its
	 * browser reconnects and catches up from what was stored.
	 */
	static void boundSends(WebSocketSession raw) {
		if (raw instanceof NativeWebSocketSession wrapper) {
			Session socket = wrapper.getNativeSession(Session.class);
			if (socket != null) {
				socket.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, SEND_TIMEOUT_MILLIS);
			}
		}
	}

	static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
	static final Long SEND_TIMEOUT_MILLIS = 2000L;

	private static void closeQuietly(WebSocketSession raw, CloseStatus status) {
		try {
			raw.close(status);
		}
		catch (IOException ex) {
			log.debug("A connection closed while being closed: {}", ex.getClass().getSimpleName());
		}
	}

}

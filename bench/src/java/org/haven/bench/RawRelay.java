package org.haven.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The baseline: a bare WebSocket relay on the same server, at {@code /bench/relay?pair=N&side=0|1}. Every
 * text frame from one side of a pair goes unchanged to the other side: no parsing, no checks, no storage.
 * Registered only by the harness. Its handshake passes the same security filters as {@code /ws} (a signed-in
 * session), so the two differ only in what happens to a frame once the socket is open.
 */
@TestConfiguration(proxyBeanMethods = false)
class RawRelay implements WebSocketConfigurer {

	static final String PATH = "/bench/relay";

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(new Handler(), PATH);
	}

	static final class Handler extends TextWebSocketHandler {

		private final Map<Integer, WebSocketSession[]> pairs = new ConcurrentHashMap<>();

		@Override
		public void afterConnectionEstablished(WebSocketSession session) {
			Map<String, String> query = query(session.getUri());
			int pair = Integer.parseInt(query.get("pair"));
			int side = Integer.parseInt(query.get("side"));
			session.getAttributes().put("pair", pair);
			session.getAttributes().put("side", side);
			WebSocketSession[] ends = pairs.computeIfAbsent(pair, p -> new WebSocketSession[2]);
			synchronized (ends) {
				ends[side] = session;
			}
		}

		@Override
		protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
			WebSocketSession[] ends = pairs.get((Integer) session.getAttributes().get("pair"));
			WebSocketSession peer;
			synchronized (ends) {
				peer = ends[1 - (Integer) session.getAttributes().get("side")];
			}
			if (peer != null) {
				// One sender per peer, but Tomcat may run two frames of one socket on different threads.
				synchronized (peer) {
					peer.sendMessage(message);
				}
			}
		}

		private static Map<String, String> query(URI uri) {
			Map<String, String> values = new ConcurrentHashMap<>();
			if (uri != null && uri.getQuery() != null) {
				for (String part : uri.getQuery().split("&")) {
					int eq = part.indexOf('=');
					if (eq > 0) {
						values.put(part.substring(0, eq), part.substring(eq + 1));
					}
				}
			}
			return values;
		}
	}
}

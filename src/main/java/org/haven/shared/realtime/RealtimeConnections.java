package org.haven.shared.realtime;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The sockets open on this node, by the HTTP session and the account they were opened
 * with, so that signing out (here, or everywhere) closes them at once rather than at
 * their next frame. Sockets on other nodes notice within
 * {@link RealtimeEndpoint#SESSION_RECHECK} through their own check of the session store.
 */
@Component
public class RealtimeConnections {

	private static final Logger log = LoggerFactory.getLogger(RealtimeConnections.class);

	private static final CloseStatus SIGNED_OUT = CloseStatus.POLICY_VIOLATION.withReason("signed out");

	private final Map<WebSocketSession, Owner> open = new ConcurrentHashMap<>();

	void opened(WebSocketSession socket, String httpSessionId, UUID account) {
		open.put(socket, new Owner(httpSessionId, account));
	}

	void closed(WebSocketSession socket) {
		open.remove(socket);
	}

	/** The HTTP session ended (sign-out): its sockets close with 1008. */
	public void closeForHttpSession(String httpSessionId) {
		open.forEach((socket, owner) -> {
			if (owner.httpSessionId().equals(httpSessionId)) {
				close(socket);
			}
		});
	}

	/**
	 * Every session of the account ended (sign out everywhere, a password reset, a
	 * disabled account).
	 */
	public void closeForAccount(UUID accountId) {
		open.forEach((socket, owner) -> {
			if (owner.account().equals(accountId)) {
				close(socket);
			}
		});
	}

	private void close(WebSocketSession socket) {
		open.remove(socket);
		try {
			socket.close(SIGNED_OUT);
		}
		catch (IOException ex) {
			log.debug("A socket closed while being closed: {}", ex.getClass().getSimpleName());
		}
	}

	private record Owner(String httpSessionId, UUID account) {
	}

}

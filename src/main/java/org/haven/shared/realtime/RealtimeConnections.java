package org.haven.shared.realtime;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * The sockets open on this node, by the HTTP session and the account they were opened
 * with, so that signing out (here, or everywhere) closes them at once, on every node,
 * rather than at their next frame. A socket that has not heard of a sign-out (another
 * node unreachable) still notices within {@link RealtimeEndpoint#SESSION_RECHECK} through
 * its own check of the session store.
 */
@Component
public class RealtimeConnections implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RealtimeConnections.class);

	private static final CloseStatus SIGNED_OUT = CloseStatus.POLICY_VIOLATION.withReason("signed out");

	/**
	 * A node that lost its link to the others closes its sockets when the link is back:
	 * the pages reconnect and catch up from the store what other nodes published
	 * meanwhile.
	 */
	private static final CloseStatus CATCH_UP = CloseStatus.SERVICE_RESTARTED.withReason("catch up");

	private final Map<WebSocketSession, Owner> open = new ConcurrentHashMap<>();

	private final TopicService topics;

	private final SessionLiveness sessions;

	private volatile boolean running;

	RealtimeConnections(TopicService topics, SessionLiveness sessions) {
		this.topics = topics;
		this.sessions = sessions;
		topics.onCommand(this::command);
		topics.onResumed(() -> open.keySet().forEach(socket -> close(socket, CATCH_UP)));
	}

	void opened(WebSocketSession socket, String httpSessionId, UUID account) {
		open.put(socket, new Owner(httpSessionId, account));
	}

	void closed(WebSocketSession socket) {
		open.remove(socket);
	}

	@Override
	public void start() {
		running = true;
	}

	/**
	 * A node that stops closes its sockets first (1001, going away), while the database
	 * is still there for the modules to note who left: the pages reconnect, through the
	 * load balancer, to another node.
	 */
	@Override
	public void stop() {
		running = false;
		open.keySet().forEach(socket -> close(socket, CloseStatus.GOING_AWAY));
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Sessions that expired (no one signed out: the idle or absolute timeout) close their
	 * sockets too, on each node for its own sockets, even those that send nothing: one
	 * look at the session store for up to a thousand sessions at a time.
	 */
	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
	void closeExpired() {
		List<String> ids = open.values().stream().map(Owner::httpSessionId).distinct().toList();
		Set<String> ended = new HashSet<>();
		for (int from = 0; from < ids.size(); from += 1000) {
			List<String> batch = ids.subList(from, Math.min(ids.size(), from + 1000));
			Set<String> alive = sessions.alive(batch);
			batch.stream().filter(id -> !alive.contains(id)).forEach(ended::add);
		}
		open.forEach((socket, owner) -> {
			if (ended.contains(owner.httpSessionId())) {
				close(socket, SIGNED_OUT);
			}
		});
	}

	/** The HTTP session ended (sign-out): its sockets close with 1008, on every node. */
	public void closeForHttpSession(String httpSessionId) {
		topics.everywhere("session " + httpSessionId);
	}

	/**
	 * Every session of the account ended (sign out everywhere, a password reset, a
	 * disabled account).
	 */
	public void closeForAccount(UUID accountId) {
		topics.everywhere("account " + accountId);
	}

	private void command(String command) {
		int space = command.indexOf(' ');
		String kind = command.substring(0, Math.max(space, 0));
		String subject = command.substring(space + 1);
		open.forEach((socket, owner) -> {
			if (kind.equals("session") && owner.httpSessionId().equals(subject)
					|| kind.equals("account") && owner.account().toString().equals(subject)) {
				close(socket, SIGNED_OUT);
			}
		});
	}

	private void close(WebSocketSession socket, CloseStatus status) {
		open.remove(socket);
		try {
			socket.close(status);
		}
		catch (IOException ex) {
			log.debug("A socket closed while being closed: {}", ex.getClass().getSimpleName());
		}
	}

	private record Owner(String httpSessionId, UUID account) {
	}

}

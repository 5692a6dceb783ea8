package org.haven.identity.internal;

import java.util.UUID;

import org.haven.shared.realtime.RealtimeConnections;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends every session of an account, on whichever node it was opened (sessions live in the
 * database).
 */
@Component
public class SessionControl {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final RealtimeConnections realtime;

	SessionControl(FindByIndexNameSessionRepository<? extends Session> sessions, RealtimeConnections realtime) {
		this.sessions = sessions;
		this.realtime = realtime;
	}

	public int signOutEverywhere(UUID accountId) {
		var found = sessions.findByPrincipalName(accountId.toString());
		found.keySet().forEach(sessions::deleteById);
		// This node's sockets close now; other nodes' at their next look at the session
		// store.
		realtime.closeForAccount(accountId);
		return found.size();
	}

}

package org.haven.identity.internal;

import java.util.UUID;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** Ends every session of an account, on whichever node it was opened (sessions live in the database). */
@Component
public class SessionControl {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionControl(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	public int signOutEverywhere(UUID accountId) {
		var found = sessions.findByPrincipalName(accountId.toString());
		found.keySet().forEach(sessions::deleteById);
		return found.size();
	}
}

package org.haven.shared.realtime;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the HTTP session a socket was opened with still exists and has not expired. The
 * module that owns the session store answers it (identity); /ws asks at most every few
 * seconds per socket, so the answer must be cheap: no security context read back, no
 * transaction.
 */
public interface SessionLiveness {

	boolean isAlive(String sessionId);

	/** Those of the sessions that are alive: one look for many sockets. */
	default Set<String> alive(Collection<String> sessionIds) {
		return sessionIds.stream().filter(this::isAlive).collect(Collectors.toSet());
	}

}

package org.haven.identity.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

import org.haven.shared.realtime.SessionLiveness;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A session is alive while its row is in the session store and its expiry lies ahead:
 * exactly when Spring Session's repository would still return it, read with one indexed
 * lookup of one column instead of the session with all its attributes (which /ws would
 * otherwise do for hundreds of sockets a second).
 */
@Component
class StoredSessionLiveness implements SessionLiveness {

	private final JdbcClient jdbc;

	private final Clock real = Clock.systemUTC();

	StoredSessionLiveness(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean isAlive(String sessionId) {
		// Spring Session stamps expiry_time from the real clock (epoch milliseconds), so
		// it is compared with that.
		return jdbc.sql("select expiry_time from spring_session where session_id = :id")
			.param("id", sessionId)
			.query(Long.class)
			.optional()
			.filter(expiry -> expiry > real.millis())
			.isPresent();
	}

	@Override
	public Set<String> alive(Collection<String> sessionIds) {
		if (sessionIds.isEmpty()) {
			return Set.of();
		}
		return Set
			.copyOf(jdbc.sql("select session_id from spring_session where session_id in (:ids) and expiry_time > :now")
				.param("ids", sessionIds)
				.param("now", real.millis())
				.query(String.class)
				.list());
	}

}

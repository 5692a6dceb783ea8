package org.haven.identity.internal;

import java.time.Clock;
import java.time.Duration;

import org.haven.shared.jobs.JobLock;
import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drops what no longer matters: failures older than the throttle window, and long-dead
 * emailed tokens.
 */
@Component
class Housekeeping {

	private final LoginThrottle throttle;

	private final JdbcClient jdbc;

	private final Clock clock;

	Housekeeping(LoginThrottle throttle, JdbcClient jdbc, Clock clock) {
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * One node at a time: the same purge on two nodes at once would only wait on each
	 * other's rows (or deadlock, when a large table is scanned from two places). Returns
	 * how many rows this node removed.
	 */
	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	@Transactional
	int purge() {
		if (!JobLock.tryHold(jdbc, "identity.housekeeping")) {
			return 0;
		}
		return throttle.purge() + jdbc.sql("delete from account_token where expires_at < :cutoff")
			.param("cutoff", Timestamps.utc(clock.instant().minus(Duration.ofDays(7))))
			.update();
	}

}

package org.haven.records.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.haven.shared.time.Timestamps;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What happened to a client's plans: saves, status changes, reviews and acknowledgements,
 * with who and when. No words of the plans: a status change names its item by id, whose
 * text stays in the encrypted plan.
 */
@Repository
class PlanEvents {

	static final String TREATMENT = "TREATMENT";

	static final String SAFETY = "SAFETY";

	private final JdbcClient jdbc;

	private final Clock clock;

	PlanEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(UUID clientId, String plan, String what, UUID actorId, int version) {
		insert(clientId, plan, what, actorId, version, null);
	}

	void statusChanged(UUID clientId, UUID actorId, int version, PlanChecks.Change change) {
		insert(clientId, TREATMENT, "STATUS", actorId, version, change);
	}

	private void insert(UUID clientId, String plan, String what, UUID actorId, int version,
			PlanChecks.@Nullable Change change) {
		jdbc.sql("""
				insert into records_plan_event
				(id, client_id, plan, what, actor_id, at, version, item_id, item_kind, from_status, to_status)
				values (:id, :client, :plan, :what, :actor, :at, :version, :item, :kind, :from, :to)""")
			.param("id", UUID.randomUUID())
			.param("client", clientId)
			.param("plan", plan)
			.param("what", what)
			.param("actor", actorId)
			.param("at", Timestamps.utc(clock.instant()))
			.param("version", version)
			.param("item", change == null ? null : change.itemId())
			.param("kind", change == null ? null : change.kind())
			.param("from", change == null ? null : change.from().name())
			.param("to", change == null ? null : change.to().name())
			.update();
	}

	/** The events of one of the client's plans, oldest first. */
	List<PlanEvent> of(UUID clientId, String plan) {
		return jdbc.sql("select * from records_plan_event where client_id = :client and plan = :plan order by at, id")
			.param("client", clientId)
			.param("plan", plan)
			.query((rs, n) -> {
				String from = rs.getString("from_status");
				String to = rs.getString("to_status");
				return new PlanEvent(rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("plan"),
						rs.getString("what"), rs.getObject("actor_id", UUID.class), rs.getInt("version"),
						rs.getObject("item_id", UUID.class), rs.getString("item_kind"),
						from == null ? null : PlanStatus.valueOf(from), to == null ? null : PlanStatus.valueOf(to));
			})
			.list();
	}

}

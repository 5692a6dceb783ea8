package org.haven.visits.internal;

import java.util.UUID;
import java.util.function.Supplier;

import org.haven.shared.realtime.Connection;
import org.haven.shared.realtime.Topics;
import org.haven.visits.internal.Rooms.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The visit rooms as every node sees them. Who is connected to a room, as which party, is
 * presence on the room's {@link Topics} (one topic per party, on every node). Whether the
 * client was admitted and whether the visit ended is state, in PostgreSQL: it belongs to
 * the visit, not to a connection or a node, so a reconnecting client (or a restarted
 * node) finds it as it was.
 */
@Component
class RoomRegistry {

	private final JdbcClient jdbc;

	private final Topics topics;

	private final TransactionTemplate transactions;

	RoomRegistry(JdbcClient jdbc, Topics topics, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.topics = topics;
		this.transactions = transactions;
	}

	/**
	 * Runs one frame's work holding the room, on whichever node: a join and the
	 * announcement it causes never interleave with another party's frame (a transaction
	 * lock on the room's id, released at its end).
	 */
	<T> T locked(UUID room, Supplier<T> work) {
		return transactions.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(:key)")
				.param("key", room.getMostSignificantBits() ^ room.getLeastSignificantBits())
				.query()
				.singleValue();
			return work.get();
		});
	}

	State state(UUID room) {
		return jdbc.sql("select admitted, ended from visit_room where appointment_id = :room")
			.param("room", room)
			.query((rs, row) -> new State(rs.getBoolean("admitted"), rs.getBoolean("ended")))
			.optional()
			.orElse(State.FRESH);
	}

	void admitted(UUID room, boolean admitted) {
		jdbc.sql("""
				insert into visit_room (appointment_id, admitted) values (:room, :admitted)
				on conflict (appointment_id) do update set admitted = excluded.admitted""")
			.param("room", room)
			.param("admitted", admitted)
			.update();
	}

	void ended(UUID room) {
		jdbc.sql("""
				insert into visit_room (appointment_id, admitted, ended) values (:room, false, true)
				on conflict (appointment_id) do update set admitted = false, ended = true""")
			.param("room", room)
			.update();
	}

	/** Whether anyone of this party is connected to the room, on any node. */
	boolean present(UUID room, Role role) {
		return !topics.present(topic(room, role)).isEmpty();
	}

	void enter(UUID room, Role role, Connection connection) {
		topics.subscribe(topic(room, role), connection);
	}

	void leave(UUID room, Role role, Connection connection) {
		topics.unsubscribe(topic(room, role), connection);
	}

	/** A frame to every connection of the party, on every node. */
	void send(UUID room, Role role, String frame) {
		topics.publish(topic(room, role), frame, null);
	}

	static Role other(Role role) {
		return role == Role.CLIENT ? Role.THERAPIST : Role.CLIENT;
	}

	private static String topic(UUID room, Role role) {
		return "visit:" + room + ":" + role.wire();
	}

	record State(boolean admitted, boolean ended) {

		static final State FRESH = new State(false, false);

	}

}

package org.haven.shared.realtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * {@link Topics} for every module: this node's subscriptions in {@link LocalTopics}, the
 * other nodes through the {@link Relay} (none on a single node). A frame goes to this
 * node's subscribers at once and to the relay, which the other nodes deliver from.
 */
@Component
class TopicService implements Topics, Relay.Receiver {

	private final LocalTopics local = new LocalTopics();

	private final Relay relay;

	private volatile Consumer<String> commands = command -> {
	};

	private volatile Runnable onResumed = () -> {
	};

	TopicService(ObjectProvider<Relay> relay) {
		this.relay = relay.getIfAvailable(() -> Relay.NONE);
		this.relay.start(this);
	}

	@Override
	public void subscribe(String topic, Connection connection) {
		int count;
		synchronized (local) {
			count = local.subscribe(topic, connection);
			if (count < 0) {
				return;
			}
			relay.listen(topic);
		}
		relay.presence(topic, connection.account(), count);
	}

	@Override
	public void unsubscribe(String topic, Connection connection) {
		int count;
		synchronized (local) {
			count = local.unsubscribe(topic, connection);
			if (count < 0) {
				return;
			}
			if (!local.has(topic)) {
				relay.unlisten(topic);
			}
		}
		relay.presence(topic, connection.account(), count);
	}

	/** A closed connection leaves every topic it was on. */
	void closed(Connection connection) {
		local.topicsOf(connection).forEach(topic -> unsubscribe(topic, connection));
	}

	@Override
	public void publish(String topic, String frame, Connection except) {
		local.deliver(topic, frame, except);
		relay.publish(topic, frame);
	}

	@Override
	public Set<UUID> present(String topic) {
		Set<UUID> present = new HashSet<>(local.accounts(topic));
		present.addAll(relay.presentElsewhere(topic));
		return present;
	}

	/** Runs a command here and on every other node (closing a person's sockets). */
	void everywhere(String command) {
		commands.accept(command);
		relay.command(command);
	}

	void onCommand(Consumer<String> commands) {
		this.commands = commands;
	}

	void onResumed(Runnable onResumed) {
		this.onResumed = onResumed;
	}

	@Override
	public void frame(String topic, String frame) {
		local.deliver(topic, frame, null);
	}

	@Override
	public void command(String command) {
		commands.accept(command);
	}

	@Override
	public void resumed() {
		onResumed.run();
	}

	@Override
	public void restate() {
		Map<String, Map<UUID, Integer>> all = new HashMap<>();
		for (String topic : local.topics()) {
			all.put(topic, local.counts(topic));
		}
		relay.presence(all);
	}

}

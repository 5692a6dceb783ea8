package org.haven.shared.realtime;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

/**
 * The other nodes through Redis: pub/sub for frames (a channel per topic this node has
 * subscribers for, and one for commands to every node), a hash per topic for presence (a
 * field per node and account), and a sorted set of nodes by their last heartbeat, so that
 * a node that died stops counting as present within {@link #NODE_TIMEOUT}.
 * <p>
 * Redis is never the only place of anything: when it is unreachable, commands fail at
 * once (nothing queues), this node goes on delivering to its own connections, and when
 * the link is back Lettuce restores the subscriptions, this node states its presence
 * again and the {@link Relay.Receiver} is told, so that pages catch up from the store.
 */
final class RedisRelay implements Relay, AutoCloseable {

	static final Duration NODE_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration HEARTBEAT = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(RedisRelay.class);

	private static final String PREFIX = "haven:";

	private static final String COMMANDS = PREFIX + "command";

	private static final String NODES = PREFIX + "nodes";

	private final String node;

	private final RedisClient client;

	private final Set<String> listening = ConcurrentHashMap.newKeySet();

	/**
	 * Frames from Redis are sent to sockets off Lettuce's event loop, in arrival order.
	 */
	private final ExecutorService delivery = Executors.newSingleThreadExecutor(daemon("haven-relay-delivery"));

	private final ScheduledExecutorService heartbeat = Executors
		.newSingleThreadScheduledExecutor(daemon("haven-relay-heartbeat"));

	private final AtomicBoolean lost = new AtomicBoolean();

	private final AtomicBoolean commandsLost = new AtomicBoolean();

	private volatile StatefulRedisConnection<String, String> commands;

	private volatile StatefulRedisPubSubConnection<String, String> pubsub;

	private volatile Receiver receiver;

	RedisRelay(RedisClient client, String node) {
		this.node = node;
		this.client = client;
	}

	/**
	 * Commands fail at once while Redis is unreachable instead of queueing: nothing waits
	 * for Redis, and what was missed is caught up from the store.
	 */
	static RedisClient client(ClientResources resources, String url) {
		RedisClient client = RedisClient.create(resources, url);
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		client.setDefaultTimeout(Duration.ofSeconds(2));
		return client;
	}

	@Override
	public void start(Receiver receiver) {
		this.receiver = receiver;
		heartbeat.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Connects when not yet connected (Redis may be down when a node starts), and states
	 * that this node is alive.
	 */
	private void beat() {
		try {
			if (commands == null) {
				connect();
			}
			commands.async().zadd(NODES, System.currentTimeMillis(), node);
		}
		catch (RuntimeException ex) {
			log.debug("Redis is not reachable: {}", ex.getClass().getSimpleName());
		}
	}

	private synchronized void connect() {
		if (commands != null) {
			return;
		}
		StatefulRedisConnection<String, String> connection = client.connect();
		StatefulRedisPubSubConnection<String, String> subscriber;
		try {
			subscriber = client.connectPubSub();
			subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					received(channel, message);
				}
			});
			subscriber.sync().subscribe(COMMANDS);
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
		this.pubsub = subscriber;
		this.commands = connection;
		// Subscribed after the link is set, so that no topic subscribed meanwhile is
		// missed
		// (a second subscription to a channel changes nothing).
		if (!listening.isEmpty()) {
			subscriber.async().subscribe(listening.toArray(String[]::new)).exceptionally(this::failed);
		}
		client.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
				if (connection == commands) {
					commandsLost.set(true);
				}
				if (lost.compareAndSet(false, true)) {
					log.warn("Redis link lost: this node delivers to its own connections only until it is back");
				}
			}

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
				if (connection == commands && commandsLost.compareAndSet(true, false)) {
					// A Redis that restarted knows no node and no presence: say that this
					// node is alive, and who is connected to it, before others ask.
					heartbeat.execute(RedisRelay.this::beat);
					delivery.execute(() -> receiver.restate());
				}
				if (connection == pubsub && lost.compareAndSet(true, false)) {
					log.info("Redis link back");
					// Lettuce restores the subscriptions it made; a topic first wanted
					// while the link was down was refused then: ask for all again.
					if (!listening.isEmpty()) {
						pubsub.async()
							.subscribe(listening.toArray(String[]::new))
							.exceptionally(RedisRelay.this::failed);
					}
					delivery.execute(() -> receiver.resumed());
				}
			}
		});
		if (listening.size() > 0 || lost.get()) {
			delivery.execute(() -> receiver.resumed());
		}
		log.info("Joined the cluster through Redis as node {}", node);
	}

	private void received(String channel, String message) {
		int newline = message.indexOf('\n');
		if (newline < 0 || message.regionMatches(0, node, 0, newline) && newline == node.length()) {
			return;
		}
		String body = message.substring(newline + 1);
		if (channel.equals(COMMANDS)) {
			delivery.execute(() -> receiver.command(body));
		}
		else if (channel.startsWith(PREFIX + "topic:")) {
			String topic = channel.substring(PREFIX.length() + "topic:".length());
			delivery.execute(() -> receiver.frame(topic, body));
		}
	}

	@Override
	public void listen(String topic) {
		if (listening.add(channel(topic)) && pubsub != null) {
			pubsub.async().subscribe(channel(topic)).exceptionally(this::failed);
		}
	}

	@Override
	public void unlisten(String topic) {
		if (listening.remove(channel(topic)) && pubsub != null) {
			pubsub.async().unsubscribe(channel(topic)).exceptionally(this::failed);
		}
	}

	@Override
	public void publish(String topic, String frame) {
		RedisAsyncCommands<String, String> async = async();
		if (async != null) {
			async.publish(channel(topic), node + "\n" + frame).exceptionally(this::failed);
		}
	}

	@Override
	public void command(String command) {
		RedisAsyncCommands<String, String> async = async();
		if (async != null) {
			async.publish(COMMANDS, node + "\n" + command).exceptionally(this::failed);
		}
	}

	/**
	 * Waits for Redis to take it (or to fail): a party entering a room on one node must
	 * be present to a frame that the other party sends next on another node.
	 */
	@Override
	public void presence(String topic, UUID account, int count) {
		StatefulRedisConnection<String, String> connection = commands;
		if (connection == null) {
			return;
		}
		String field = node + "|" + account;
		try {
			if (count > 0) {
				connection.sync().hset(presence(topic), field, Integer.toString(count));
			}
			else {
				connection.sync().hdel(presence(topic), field);
			}
		}
		catch (RuntimeException ex) {
			log.debug("Presence not stated in Redis: {}", ex.getClass().getSimpleName());
		}
	}

	@Override
	public void presence(Map<String, Map<UUID, Integer>> all) {
		all.forEach((topic, counts) -> counts.forEach((account, count) -> presence(topic, account, count)));
	}

	@Override
	public Set<UUID> presentElsewhere(String topic) {
		StatefulRedisConnection<String, String> connection = commands;
		if (connection == null) {
			return Set.of();
		}
		try {
			Map<String, String> fields = connection.sync().hgetall(presence(topic));
			if (fields.isEmpty()) {
				return Set.of();
			}
			List<String> alive = connection.sync()
				.zrangebyscore(NODES,
						Range.create(System.currentTimeMillis() - NODE_TIMEOUT.toMillis(), Double.MAX_VALUE));
			Set<UUID> present = new HashSet<>();
			List<String> dead = new ArrayList<>();
			fields.forEach((field, count) -> {
				int bar = field.indexOf('|');
				String owner = field.substring(0, bar);
				if (!owner.equals(node) && !alive.contains(owner)) {
					dead.add(field);
				}
				else if (!owner.equals(node) && Integer.parseInt(count) > 0) {
					present.add(UUID.fromString(field.substring(bar + 1)));
				}
			});
			if (!dead.isEmpty()) {
				// A node that stopped without saying so: its connections are gone.
				connection.async().hdel(presence(topic), dead.toArray(String[]::new)).exceptionally(this::failed);
			}
			return present;
		}
		catch (RuntimeException ex) {
			log.debug("Presence on other nodes unknown: {}", ex.getClass().getSimpleName());
			return Set.of();
		}
	}

	/** Whether Redis answers now (health). */
	boolean reachable() {
		StatefulRedisConnection<String, String> connection = commands;
		try {
			return connection != null && "PONG".equals(connection.sync().ping());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	String node() {
		return node;
	}

	/**
	 * Tries again after 0.1 s, doubling up to 2 s: a Redis restart is noticed within
	 * seconds rather than Lettuce's default of up to 30.
	 */
	static ClientResources resources() {
		return DefaultClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
			.build();
	}

	private RedisAsyncCommands<String, String> async() {
		StatefulRedisConnection<String, String> connection = commands;
		return connection == null ? null : connection.async();
	}

	private <T> T failed(Throwable ex) {
		log.debug("A Redis command failed: {}", ex.getClass().getSimpleName());
		return null;
	}

	private static String channel(String topic) {
		return PREFIX + "topic:" + topic;
	}

	private static String presence(String topic) {
		return PREFIX + "presence:" + topic;
	}

	@Override
	public void close() {
		heartbeat.shutdownNow();
		StatefulRedisConnection<String, String> connection = commands;
		if (connection != null) {
			try {
				connection.sync().zrem(NODES, node);
			}
			catch (RuntimeException ex) {
				log.debug("Could not leave the cluster cleanly: {}", ex.getClass().getSimpleName());
			}
		}
		delivery.shutdownNow();
	}

	private static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}

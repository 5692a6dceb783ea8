package org.haven.support;

import static org.haven.support.IntegrationTest.TEST_KEY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.haven.HavenApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import redis.embedded.RedisServer;

/**
 * Several Haven nodes in this JVM, as a cluster runs them: each its own application with
 * its own web server, all sharing the tests' PostgreSQL and one real Redis, which a test
 * may stop and start again.
 */
public final class ClusterNodes implements AutoCloseable {

	private final int redisPort = freePort();

	private RedisServer redis;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	public ClusterNodes() {
		startRedis();
	}

	public void startRedis() {
		try {
			redis = new RedisServer(redisPort);
			redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void stopRedis() {
		try {
			redis.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A new node, named {@code name} in the cluster, its clock set to {@code clock}'s.
	 */
	public Node start(String name, MutableClock clock) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HavenApplication.class, TestBeans.class)
			.run("--spring.datasource.url=" + Postgres.jdbcUrl("postgres"), "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--spring.mail.host=127.0.0.1",
					"--spring.mail.port=" + TestMail.port(), "--haven.demo.mode=off",
					"--haven.crypto.keys=test=" + TEST_KEY, "--haven.base-url=http://localhost", "--server.port=0",
					"--haven.login.max-failures-per-address=100000", "--server.forward-headers-strategy=framework",
					"--haven.redis.url=redis://127.0.0.1:" + redisPort, "--haven.node.id=" + name);
		nodes.add(context);
		Node node = new Node(name, context);
		node.clock().advance(Duration.between(node.clock().instant(), clock.instant()));
		return node;
	}

	@Override
	public void close() {
		nodes.forEach(ConfigurableApplicationContext::close);
		stopRedis();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One node: its application, its port and its clock. */
	public record Node(String name, ConfigurableApplicationContext context) {

		public int port() {
			return ((WebServerApplicationContext) context).getWebServer().getPort();
		}

		public MutableClock clock() {
			return context.getBean(MutableClock.class);
		}

		/**
		 * /ws on this node, as the signed-in person of {@code session} on this node's
		 * page.
		 */
		public TestSocket socket(WebSession session) {
			return TestSocket.open(port(),
					Map.of("Cookie", session.cookieHeader(), "Origin", "http://localhost:" + port()));
		}

		public WebSession browser() {
			return new WebSession("http://localhost:" + port());
		}

		public void stop() {
			context.close();
		}

	}

}

package org.haven.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.haven.texting.TestSmsc;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a random port, on a real
 * PostgreSQL, with GreenMail as the SMTP server and a clock the tests move, and a module
 * that exists only in the tests ({@link TestModule}). Every subclass shares one Spring
 * context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({ TestBeans.class, TestModule.class })
public abstract class IntegrationTest {

	/** A fixed key for the tests: 32 bytes of 0x01, base64. */
	public static final String TEST_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected CountingPasswordEncoder passwordEncoder;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// Placeholders with the shared PostgreSQL's values as defaults: a test class that
		// must run elsewhere (the
		// demo journey on the embedded default: an empty URL) sets haven.test.* with
		// @TestPropertySource, since
		// these dynamic values outrank it.
		registry.add("spring.datasource.url",
				() -> "${haven.test.datasource-url:" + Postgres.jdbcUrl("postgres") + "}");
		registry.add("spring.datasource.username", () -> "${haven.test.datasource-username:postgres}");
		registry.add("spring.datasource.password", () -> "${haven.test.datasource-password:postgres}");
		// PostgreSQL may stop before the context at JVM exit; fail fast rather than wait
		// 30 s for a connection.
		registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", TestMail::port);
		registry.add("haven.demo.mode", () -> "${haven.test.demo-mode:off}");
		// The demo journey, with no SMSC configured, texts through demo mode's own.
		registry.add("haven.texting.smsc.host", () -> "${haven.test.smsc-host:127.0.0.1}");
		registry.add("haven.texting.smsc.port", TestSmsc::port);
		registry.add("haven.texting.smsc.system-id", () -> TestSmsc.SYSTEM_ID);
		registry.add("haven.texting.smsc.password", () -> TestSmsc.PASSWORD);
		registry.add("haven.texting.smsc.source-address", () -> TestSmsc.HAVEN_NUMBER);
		registry.add("haven.texting.rate", () -> "1000");
		registry.add("haven.texting.rebind-min", () -> "100ms");
		registry.add("haven.texting.rebind-max", () -> "1s");
		registry.add("haven.texting.response-timeout", () -> "3s");
		// Every test connects from 127.0.0.1.
		registry.add("haven.texting.codes-per-address", () -> "100000");
		registry.add("haven.crypto.keys", () -> "test=" + TEST_KEY);
		registry.add("haven.base-url", () -> "http://localhost");
		// Every test connects from 127.0.0.1; the per-address limit has a test of its
		// own.
		registry.add("haven.login.max-failures-per-address", () -> "100000");
		registry.add("server.forward-headers-strategy", () -> "framework");
	}

	@BeforeEach
	void resetClock() {
		clock.reset();
	}

	protected WebSession browser() {
		return new WebSession("http://localhost:" + port);
	}

	private static final AtomicInteger counter = new AtomicInteger();

	/** A unique email address for this test run. */
	protected static String uniqueEmail(String prefix) {
		return prefix + "-" + counter.incrementAndGet() + "-" + System.nanoTime() % 100000 + "@example.org";
	}

}

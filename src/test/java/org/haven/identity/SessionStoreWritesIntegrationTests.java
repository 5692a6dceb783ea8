package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A page view writes nothing to the session store while the session's last-seen times are
 * fresh (30 s with the 15 minutes' idle timeout), and writes them again once stale;
 * anything but a read always counts.
 */
class SessionStoreWritesIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	TestAccounts accounts;

	@BeforeEach
	void setUp() {
		accounts = TestAccounts.in(context);
	}

	@Test
	void freshSessionsAreNotWrittenByPageViews() {
		WebSession browser = signedIn("store-fresh");
		assertThat(browser.get("/home").status()).isEqualTo(200);
		Row before = row(browser);

		clock.advance(Duration.ofSeconds(20));
		assertThat(browser.get("/home").status()).isEqualTo(200);
		assertThat(browser.get("/messages").status()).isEqualTo(200);

		Row after = row(browser);
		assertThat(after.lastAccess()).as("the store's last access time").isEqualTo(before.lastAccess());
		assertThat(after.lastSeen()).as("Haven's last-seen attribute").isEqualTo(before.lastSeen());
		assertThat(after.xmin()).as("the row's version: not updated at all").isEqualTo(before.xmin());
	}

	@Test
	void staleLastSeenIsWrittenByTheNextPageView() {
		WebSession browser = signedIn("store-stale-seen");
		assertThat(browser.get("/home").status()).isEqualTo(200);
		Row before = row(browser);

		clock.advance(Duration.ofSeconds(31));
		assertThat(browser.get("/home").status()).isEqualTo(200);

		assertThat(row(browser).lastSeen()).isNotEqualTo(before.lastSeen());
	}

	@Test
	void staleLastAccessTimeIsWrittenByTheNextPageView() {
		WebSession browser = signedIn("store-stale-access");
		assertThat(browser.get("/home").status()).isEqualTo(200);
		// The store reads the system clock, not the application's: age the row instead.
		jdbc.sql("update spring_session set last_access_time = last_access_time - 31000, "
				+ "expiry_time = expiry_time - 31000 where session_id = ?")
			.param(sessionId(browser))
			.update();
		long aged = row(browser).lastAccess();

		assertThat(browser.get("/home").status()).isEqualTo(200);

		Row after = row(browser);
		assertThat(after.lastAccess()).isGreaterThanOrEqualTo(aged + 31000);
		assertThat(after.expiry() - after.lastAccess()).as("expiry follows")
			.isEqualTo(Duration.ofMinutes(15).toMillis());
	}

	@Test
	void aKeepAliveAlwaysCounts() {
		WebSession browser = signedIn("store-keepalive");
		assertThat(browser.get("/home").status()).isEqualTo(200);
		Row before = row(browser);

		clock.advance(Duration.ofSeconds(5));
		assertThat(browser.post("/session/keepalive", java.util.Map.of()).status()).isEqualTo(204);

		assertThat(row(browser).lastSeen()).as("a keep-alive writes the last-seen time however fresh")
			.isNotEqualTo(before.lastSeen());
	}

	private WebSession signedIn(String prefix) {
		TestAccount client = accounts.client(uniqueEmail(prefix));
		WebSession browser = browser();
		browser.signIn(client.email(), client.password(), null);
		return browser;
	}

	private static String sessionId(WebSession browser) {
		return new String(Base64.getDecoder().decode(browser.sessionId()), StandardCharsets.UTF_8);
	}

	private Row row(WebSession browser) {
		return jdbc.sql("""
				select s.last_access_time, s.expiry_time, s.xmin::text::bigint as version, a.attribute_bytes
				from spring_session s
				join spring_session_attributes a on a.session_primary_id = s.primary_id
				where s.session_id = ? and a.attribute_name = 'haven.lastSeen'""")
			.param(sessionId(browser))
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3),
					Base64.getEncoder().encodeToString(rs.getBytes(4))))
			.single();
	}

	private record Row(long lastAccess, long expiry, long xmin, String lastSeen) {
	}

}

package org.haven.shared.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.haven.identity.TestAccounts;
import org.haven.support.IntegrationTest;
import org.haven.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * /ws upgrades only a handshake from Haven's own pages: the Origin must be haven.base-url
 * (the tests' base URL is http://localhost, served on a random local port), whatever the
 * request claims in its Host header.
 */
class WebSocketOriginIntegrationTests extends IntegrationTest {

	@Autowired
	ApplicationContext context;

	String cookie;

	@BeforeEach
	void signIn() {
		var client = TestAccounts.in(context).client(uniqueEmail("origin"));
		WebSession session = browser();
		session.signIn(client.email(), client.password(), null);
		cookie = session.cookieHeader();
	}

	@Test
	void havensOwnPageIsUpgraded() throws IOException {
		assertThat(handshake("localhost:" + port, "http://localhost:" + port)).startsWith("HTTP/1.1 101");
	}

	@Test
	void aMalformedOriginIsForbiddenNotAnError() throws IOException {
		assertThat(handshake("localhost:" + port, "http://localhost:8080.evil.example")).startsWith("HTTP/1.1 403");
		assertThat(handshake("localhost:" + port, "http://localhost:" + port + ".evil.example"))
			.startsWith("HTTP/1.1 403");
		assertThat(handshake("localhost:" + port, "not a url at all")).startsWith("HTTP/1.1 403");
	}

	@Test
	void aForgedHostMatchingAForeignOriginIsForbidden() throws IOException {
		assertThat(handshake("evil.example", "http://evil.example")).startsWith("HTTP/1.1 403");
		assertThat(handshake("evil.example:" + port, "http://evil.example:" + port)).startsWith("HTTP/1.1 403");
	}

	@Test
	void anotherPortOnTheSameHostIsForeign() throws IOException {
		int other = port == 1 ? 2 : port - 1;
		assertThat(handshake("localhost:" + other, "http://localhost:" + other)).startsWith("HTTP/1.1 403");
	}

	private String handshake(String host, String origin) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin + "\r\nCookie: " + cookie
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Sec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\n') {
				line.append((char) c);
			}
			return line.toString().trim();
		}
	}

}

package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.haven.support.IntegrationTest;
import org.haven.support.WebSession.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The error endpoint is not a page of its own, bad requests are the caller's error, and
 * browsers find what they ask for.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorEndpointsIntegrationTests extends IntegrationTest {

	@Test
	void theErrorEndpointAskedForDirectlyIsNotFound() {
		assertThat(browser().get("/error", Map.of("Accept", "text/html")).status()).isEqualTo(404);
		assertThat(browser().get("/error", Map.of("Accept", "application/json")).status()).isEqualTo(404);
	}

	@Test
	void aMalformedPercentEncodingIsABadRequestLoggedWithoutAStackTrace(CapturedOutput output) throws IOException {
		String before = output.getAll();
		assertThat(rawGet("/login?email=%ff")).startsWith("HTTP/1.1 400");
		assertThat(rawGet("/api/v1/therapists?jurisdiction=%ff")).startsWith("HTTP/1.1 400");
		String logged = output.getAll().substring(before.length());
		assertThat(logged).doesNotContain(" ERROR ")
			.doesNotContain("\tat ")
			.doesNotContain("%ff")
			.contains("Refused a request to /login whose parameters could not be read");
	}

	@Test
	void robotsAreToldWhatToLeaveAlone() {
		Response robots = browser().get("/robots.txt");
		assertThat(robots.status()).isEqualTo(200);
		assertThat(robots.header("Content-Type")).startsWith("text/plain");
		assertThat(robots.body()).contains("User-agent: *")
			.contains("Disallow: /")
			.contains("Allow: /$")
			.contains("Allow: /therapists$")
			.contains("Allow: /therapists?")
			.contains("Allow: /therapists/")
			.contains("Disallow: /therapists/*/times");
	}

	@Test
	void theFaviconAnswersWithoutSigningIn() {
		var icon = browser().download("/favicon.ico");
		assertThat(icon.status()).isEqualTo(200);
		assertThat(icon.header("Content-Type")).startsWith("image/svg+xml");
		assertThat(new String(icon.body(), StandardCharsets.UTF_8)).contains("<svg");
		var svg = browser().download("/favicon.svg");
		assertThat(svg.status()).isEqualTo(200);
		// Whatever version the static files' URLs carry.
		assertThat(browser().get("/login").body())
			.containsPattern("<link rel=\"icon\" href=\"/favicon[^\"]*\\.svg\" type=\"image/svg\\+xml\">");
	}

	/**
	 * java.net.http refuses to send a malformed URI: the request goes over a plain
	 * socket.
	 */
	private String rawGet(String target) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + port
					+ "\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}

package org.haven.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser, without the rendering: real HTTP against the running application,
 * with cookies, no automatic redirects, and the CSRF token taken from the last page, as a
 * form would send it.
 */
public class WebSession {

	private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	private String csrf;

	public WebSession(String base) {
		this.base = base;
		this.client = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
	}

	public Response get(String path, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
	}

	/**
	 * Posts a form with the CSRF token of the last page seen (loading {@code page} first
	 * if there is none).
	 */
	public Response post(String path, Map<String, String> form) {
		Map<String, String> withToken = new LinkedHashMap<>(form);
		if (csrf != null && !withToken.containsKey("_csrf")) {
			withToken.put("_csrf", csrf);
		}
		return postRaw(path, withToken);
	}

	/**
	 * Opens {@code page}, then posts its form to {@code path}, like a person filling in a
	 * page.
	 */
	public Response submit(String page, String path, Map<String, String> form) {
		Response shown = get(page);
		if (shown.status() != 200) {
			throw new AssertionError("Expected the form page " + page + " to open, got " + shown.status());
		}
		return post(path, form);
	}

	/**
	 * Posts JSON to the API with the CSRF token of the last page seen in its header, as
	 * Haven's scripts do.
	 */
	public Response postJson(String path, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (csrf != null) {
			request.header("X-CSRF-TOKEN", csrf);
		}
		return send(request, Map.of());
	}

	/** Posts exactly the given fields (no CSRF token unless given). */
	public Response postRaw(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
	}

	/**
	 * Posts a multipart form with one file to exactly {@code path}, as a browser sends a
	 * file upload; the CSRF token of the last page seen goes along as a field, as in
	 * {@link #post}, unless given.
	 */
	public Response postMultipart(String path, Map<String, String> fields, FilePart file) {
		return postMultipart(path, fields, file == null ? List.of() : List.of(file));
	}

	/**
	 * A multipart form with any number of files (several under one field name, as a
	 * {@code multiple} input sends them).
	 */
	public Response postMultipart(String path, Map<String, String> fields, List<FilePart> files) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (csrf != null && !withToken.containsKey("_csrf")) {
			withToken.put("_csrf", csrf);
		}
		String boundary = "----HavenTestBoundary" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		withToken.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		for (FilePart file : files) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
					+ "\"; filename=\"" + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			body.writeBytes(file.content());
			body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Map.of());
	}

	/**
	 * Gets a resource as bytes (an image, a file), without looking for a CSRF token in
	 * it.
	 */
	public Download download(String path) {
		try {
			HttpResponse<byte[]> response = client.send(
					HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return new Download(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Optional<String> cookie(String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/**
	 * The cookies this browser holds, as a Cookie header: for a WebSocket handshake made
	 * with another client.
	 */
	public String cookieHeader() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
	}

	public String sessionId() {
		return cookie("HAVEN_SESSION").orElse(null);
	}

	public String csrfToken() {
		return csrf;
	}

	/** Password step only; returns where the application sends the person next. */
	public Response signIn(String email, String password) {
		return submit("/login", "/login", Map.of("email", email, "password", password));
	}

	/** Password and TOTP code; fails the test unless the person ends up signed in. */
	public void signIn(String email, String password, String totpCode) {
		Response afterPassword = signIn(email, password);
		if (totpCode == null) {
			expectRedirect(afterPassword, "/home");
			return;
		}
		expectRedirect(afterPassword, "/login/2fa");
		expectRedirect(submit("/login/2fa", "/login/2fa", Map.of("code", totpCode)), "/home");
	}

	private static void expectRedirect(Response response, String path) {
		if (response.status() != 302 || !response.location().endsWith(path)) {
			throw new AssertionError(
					"Expected a redirect to " + path + " but got " + response.status() + " " + response.location());
		}
	}

	private URI uri(String path) {
		return URI.create(base + path);
	}

	private Response send(HttpRequest.Builder request, Map<String, String> headers) {
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			String body = response.body();
			Matcher input = CSRF_INPUT.matcher(body);
			Matcher meta = CSRF_META.matcher(body);
			if (input.find()) {
				csrf = input.group(1);
			}
			else if (meta.find()) {
				csrf = meta.group(1);
			}
			return new Response(response.statusCode(), response.headers().map(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A response header by name, case-insensitively; its values joined by commas. */
	public static String header(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(name))
			.map(e -> String.join(", ", e.getValue()))
			.findFirst()
			.orElse(null);
	}

	/** A file field of a multipart form. */
	public record FilePart(String field, String filename, String contentType, byte[] content) {
	}

	public record Download(int status, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			return WebSession.header(headers, name);
		}
	}

	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return WebSession.header(headers, name);
		}

		public String location() {
			String location = header("Location");
			return location == null ? "" : location;
		}
	}

}

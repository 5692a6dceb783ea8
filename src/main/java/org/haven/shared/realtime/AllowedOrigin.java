package org.haven.shared.realtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Upgrades a handshake only from a page of Haven's public address (haven.base-url): the
 * Origin header must be exactly that scheme, host and port. The request's Host header
 * plays no part, since whoever forges the Origin can forge the Host too. A malformed or
 * missing Origin is refused like a foreign one (403).
 *
 * <p>
 * When the base URL is a loopback address (the embedded default, the tests) a page served
 * on the port Haven actually listens on is Haven's own too: that port is the server's,
 * never the request's.
 */
final class AllowedOrigin implements HandshakeInterceptor {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private final String origin;

	private final IntSupplier localPort;

	AllowedOrigin(String baseUrl, IntSupplier localPort) {
		this.origin = normalized(baseUrl)
			.orElseThrow(() -> new IllegalArgumentException("haven.base-url is not an http(s) URL: " + baseUrl));
		this.localPort = localPort;
	}

	boolean allows(String header) {
		Optional<String> candidate = header == null ? Optional.empty() : normalized(header);
		if (candidate.isEmpty()) {
			return false;
		}
		if (candidate.get().equals(origin)) {
			return true;
		}
		URI base = URI.create(origin);
		int port = localPort.getAsInt();
		return LOOPBACK.contains(base.getHost()) && port > 0
				&& candidate.get().equals(base.getScheme() + "://" + base.getHost() + ":" + port);
	}

	/**
	 * scheme://host[:port] in lower case without a default port; empty for anything that
	 * is not such an origin.
	 */
	static Optional<String> normalized(String url) {
		try {
			URI uri = new URI(url.trim());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				return Optional.empty();
			}
			if (uri.getRawAuthority() == null || !uri.getRawAuthority()
				.equalsIgnoreCase(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))) {
				// java.net.URI falls back to a registry authority for
				// "localhost:8080.evil.example" and leaves host null;
				// anything it parsed differently from what was written is refused too.
				return Optional.empty();
			}
			int port = uri.getPort();
			boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80)
					|| (scheme.equals("https") && port == 443);
			return Optional
				.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) {
		if (!allows(request.getHeaders().getOrigin())) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		return true;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
	}

}

package org.haven.shared.realtime;

import org.haven.shared.web.PublicAddressProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The one WebSocket endpoint, /ws. Spring Security has already required a signed-in
 * client or therapist (the HTTP session cookie); here the handshake must also come from
 * one of Haven's own pages: an Origin header equal to haven.base-url
 * ({@link AllowedOrigin}), never judged by the request's own Host header. A page on
 * another site cannot open a socket with the user's cookie (cross-site WebSocket
 * hijacking), and a request without Origin is refused too.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final RealtimeEndpoint handler;

	private final AllowedOrigin allowedOrigin;

	WebSocketConfiguration(RealtimeEndpoint handler, PublicAddressProperties address, Environment environment) {
		this.handler = handler;
		this.allowedOrigin = new AllowedOrigin(address.baseUrl(),
				() -> environment.getProperty("local.server.port", Integer.class, -1));
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// The HTTP session's id travels with the socket, so that signing out closes the
		// socket too.
		HttpSessionHandshakeInterceptor session = new HttpSessionHandshakeInterceptor();
		session.setCopyAllAttributes(false);
		session.setCopyHttpSessionId(true);
		// Spring adds its own origin check after these interceptors; it compares the
		// Origin with the Host header
		// and fails with a 500 on a malformed Origin, so AllowedOrigin decides first and
		// Spring's is told to accept
		// what AllowedOrigin let through.
		registry.addHandler(handler, "/ws").addInterceptors(allowedOrigin, session).setAllowedOrigins("*");
	}

	/**
	 * Frames up to 64 KiB are answered with an error frame when too large; far larger
	 * ones close the socket.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(4 * RealtimeEndpoint.MAX_FRAME_BYTES);
		container.setMaxBinaryMessageBufferSize(1024);
		container.setMaxSessionIdleTimeout(10L * 60 * 1000);
		return container;
	}

}

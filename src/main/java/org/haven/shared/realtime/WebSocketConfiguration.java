package org.haven.shared.realtime;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.HttpSessionHandshakeInterceptor;

/**
 * The one WebSocket endpoint, /ws. Spring Security has already required a signed-in client or therapist
 * (the HTTP session cookie); here the handshake must also come from one of Haven's own pages: an Origin
 * header equal to haven.base-url or to the address the request came to. A page on another site cannot
 * open a socket with the user's cookie (cross-site WebSocket hijacking), and a request without Origin is
 * refused too.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	private final RealtimeEndpoint handler;
	private final String baseUrl;

	WebSocketConfiguration(RealtimeEndpoint handler, @Value("${haven.base-url}") String baseUrl) {
		this.handler = handler;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// The HTTP session's id travels with the socket, so that signing out closes the socket too.
		HttpSessionHandshakeInterceptor session = new HttpSessionHandshakeInterceptor();
		session.setCopyAllAttributes(false);
		session.setCopyHttpSessionId(true);
		registry.addHandler(handler, "/ws").addInterceptors(new OriginRequired(), session).setAllowedOrigins(baseUrl);
	}

	/** Frames up to 64 KiB are answered with an error frame when too large; far larger ones close the socket. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(4 * RealtimeEndpoint.MAX_FRAME_BYTES);
		container.setMaxBinaryMessageBufferSize(1024);
		container.setMaxSessionIdleTimeout(10L * 60 * 1000);
		return container;
	}

	static final class OriginRequired implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				Map<String, Object> attributes) {
			if (request.getHeaders().getOrigin() == null) {
				response.setStatusCode(HttpStatus.FORBIDDEN);
				return false;
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler, Exception exception) {
		}
	}
}

package org.haven.shared.realtime;

import org.haven.shared.web.PublicAddressProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
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
	 * Tomcat's text buffer is allocated for every connection, so it is small (1 KiB
	 * characters, 2 KiB of heap) and larger frames reach the endpoint in parts, which it
	 * puts together up to 64 KiB: above that a frame is answered with an error frame, and
	 * above 256 KiB it closes the socket.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(RealtimeEndpoint.TOMCAT_TEXT_BUFFER);
		container.setMaxBinaryMessageBufferSize(1024);
		container.setMaxSessionIdleTimeout(10L * 60 * 1000);
		return container;
	}

	/**
	 * The other buffers every connection holds for as long as it is open, at half of
	 * Tomcat's 8 KiB each: the socket's read and write buffers, and the WebSocket's frame
	 * input, output and encoder buffers (Tomcat sizes the last three from the system
	 * property {@link #WEBSOCKET_BUFFER_PROPERTY}, read once, when its WebSocket classes
	 * load). With the text buffer above, an idle socket held about 63 KiB of heap and now
	 * about 30 (docs/benchmarks.md, "One node's capacity"). Frames and pages larger than
	 * a buffer go in several writes.
	 */
	@Bean
	static WebServerFactoryCustomizer<TomcatServletWebServerFactory> perConnectionBuffers() {
		return factory -> {
			if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
				System.setProperty(WEBSOCKET_BUFFER_PROPERTY, Integer.toString(PER_CONNECTION_BUFFER));
			}
			factory.addConnectorCustomizers(connector -> {
				connector.setProperty("socket.appReadBufSize", Integer.toString(PER_CONNECTION_BUFFER));
				connector.setProperty("socket.appWriteBufSize", Integer.toString(PER_CONNECTION_BUFFER));
			});
		};
	}

	static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	static final int PER_CONNECTION_BUFFER = 4 * 1024;

}

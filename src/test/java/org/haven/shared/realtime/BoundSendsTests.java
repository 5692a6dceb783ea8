package org.haven.shared.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

class BoundSendsTests {

	@Test
	void aSocketsBlockingWritesGiveUpAfterTwoSecondsNotTomcatsTwenty() {
		Session socket = mock(Session.class);
		Map<String, Object> properties = new HashMap<>();
		when(socket.getUserProperties()).thenReturn(properties);
		StandardWebSocketSession session = new StandardWebSocketSession(new HttpHeaders(), new HashMap<>(), null, null);
		session.initializeNativeSession(socket);

		RealtimeEndpoint.boundSends(session);

		// The name and type Tomcat's WsRemoteEndpointImplBase reads for every blocking
		// send.
		assertThat(properties).containsEntry("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", 2000L);
		assertThat(properties.get("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT")).isInstanceOf(Long.class);
	}

}

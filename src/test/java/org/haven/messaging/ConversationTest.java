package org.haven.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.haven.identity.TestAccounts.TestAccount;
import org.haven.support.IntegrationTest;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the messaging tests share: a fresh pair in care, their signed-in sessions and
 * their chat sockets.
 */
abstract class ConversationTest extends IntegrationTest {

	@Autowired
	protected ApplicationContext context;

	@Autowired
	protected JdbcClient jdbc;

	private final List<TestSocket> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() {
		sockets.forEach(TestSocket::close);
	}

	protected ChatFixture fixture(String name) {
		return ChatFixture.create(context, uniqueEmail(name + "-therapist"), uniqueEmail(name + "-client"));
	}

	protected WebSession signedIn(TestAccount account) {
		if (account.totpSecret() != null) {
			// A second factor code is good once: the next sign-in of the same person
			// waits for the next one.
			clock.advance(Duration.ofSeconds(30));
		}
		return ChatFixture.signIn(browser(), account);
	}

	/** A /ws connection of the account, not yet in any conversation. */
	protected TestSocket connect(TestAccount account) {
		TestSocket socket = TestSocket.open(port, signedIn(account));
		sockets.add(socket);
		return socket;
	}

	/**
	 * A /ws connection of the account with the conversation open and its first page read.
	 */
	protected TestSocket opened(ChatFixture chat, TestAccount account) {
		TestSocket socket = connect(account);
		socket.send(chat.frame("chat-open"));
		socket.next("chat-opened");
		socket.next("chat-items");
		return socket;
	}

}

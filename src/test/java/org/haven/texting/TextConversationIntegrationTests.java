package org.haven.texting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.messaging.ChatFixture;
import org.haven.support.IntegrationTest;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Two-way text therapy: a client who chose it texts into their conversation and the
 * therapist, on their open chat page, sees it at once; the therapist answers by text from
 * the conversation and sees its delivery state. Through the pages, the realtime socket,
 * the SMPP link and an SMSC over TCP.
 */
class TextConversationIntegrationTests extends IntegrationTest {

	private static final AtomicInteger numbers = new AtomicInteger((int) (System.nanoTime() % 4000));

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	private TestSocket socket;

	@AfterEach
	void close() {
		if (socket != null) {
			socket.close();
		}
	}

	/** A US mobile number no other test uses: +1 202 555 xxxx. */
	private static String newNumber() {
		return String.format("+1202555%04d", 1000 + numbers.incrementAndGet() % 9000);
	}

	/** A pair in care whose client texts with the therapist from {@code number}. */
	private ChatFixture textingPair(String name, String number) {
		ChatFixture pair = ChatFixture.create(context, uniqueEmail(name + "-therapist"), uniqueEmail(name + "-client"));
		WebSession client = ChatFixture.signIn(browser(), pair.client());
		client.submit("/account/texts", "/account/texts/number", Map.of("number", number));
		Matcher code = Pattern.compile("code is ([0-9]{6})").matcher(TestSmsc.awaitText(number, 1).body());
		assertThat(code.find()).isTrue();
		client.post("/account/texts/verify", Map.of("code", code.group(1)));
		assertThat(client.post("/account/texts/choices", Map.of("clinical", "true", "privacyUnderstood", "true"))
			.location()).endsWith("/account/texts?saved");
		return pair;
	}

	private TestSocket openChat(ChatFixture pair, WebSession session) {
		socket = TestSocket.open(port, session);
		socket.send(pair.frame("chat-open"));
		socket.next("chat-opened");
		socket.next("chat-items");
		return socket;
	}

	private String textState(ChatFixture pair, long seq) {
		return jdbc.sql("select text_state from conversation_item where conversation_id = :c and seq = :seq")
			.param("c", pair.conversation())
			.param("seq", seq)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void aClientsTextReachesTheTherapistsOpenChatAndTheReplyGoesBackByText() {
		String number = newNumber();
		ChatFixture pair = textingPair("texts-two-way", number);
		WebSession therapist = ChatFixture.signIn(browser(), pair.therapist());
		TestSocket chat = openChat(pair, therapist);

		TestSmsc.fromPhone(number, "Running late, be there at 10:15");
		JsonNode item = chat.next("chat-item").path("item");
		assertThat(item.path("kind").asString()).isEqualTo("text");
		assertThat(item.path("author").asString()).isEqualTo("client");
		assertThat(item.path("text").asString()).isEqualTo("Running late, be there at 10:15");
		String stored = jdbc.sql("select body from conversation_item where conversation_id = :c and seq = 1")
			.param("c", pair.conversation())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain("Running late");

		String page = therapist.get("/messages/" + pair.conversation()).body();
		assertThat(page).contains("Send as a text message");
		assertThat(therapist.get("/messages/" + pair.conversation() + "/text").body())
			.contains("not end-to-end private");
		WebSession.Response sent = therapist.post("/messages/" + pair.conversation() + "/text",
				Map.of("text", "No problem, see you then.", "clientKey", java.util.UUID.randomUUID().toString()));
		assertThat(sent.location()).endsWith("/messages/" + pair.conversation());
		assertThat(TestSmsc.awaitText(number, 2).body()).isEqualTo("No problem, see you then.");
		await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(textState(pair, 2)));
	}

	@Test
	void onlyTheTherapistOfAClientWhoChoseTextingCanText() {
		ChatFixture pair = ChatFixture.create(context, uniqueEmail("texts-none-therapist"),
				uniqueEmail("texts-none-client"));
		WebSession therapist = ChatFixture.signIn(browser(), pair.therapist());
		assertThat(therapist.get("/messages/" + pair.conversation()).body()).doesNotContain("Send as a text message");
		assertThat(therapist.get("/messages/" + pair.conversation() + "/text").status()).isEqualTo(404);
		assertThat(therapist
			.post("/messages/" + pair.conversation() + "/text",
					Map.of("text", "Hello", "clientKey", java.util.UUID.randomUUID().toString()))
			.status()).isEqualTo(404);

		String number = newNumber();
		ChatFixture texting = textingPair("texts-other", number);
		// The client of that pair may not use the therapist's page.
		WebSession client = ChatFixture.signIn(browser(), texting.client());
		assertThat(client.get("/messages/" + texting.conversation() + "/text").status()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from conversation_item where conversation_id in (:a, :b)")
			.param("a", pair.conversation())
			.param("b", texting.conversation())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anOversizeReplyIsRefusedAndNothingIsStored() {
		String number = newNumber();
		ChatFixture pair = textingPair("texts-oversize", number);
		WebSession therapist = ChatFixture.signIn(browser(), pair.therapist());
		therapist.get("/messages/" + pair.conversation() + "/text");
		WebSession.Response refused = therapist.post("/messages/" + pair.conversation() + "/text",
				Map.of("text", "é".repeat(600) + "😀".repeat(40), "clientKey", java.util.UUID.randomUUID().toString()));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("at most 10 parts");
		assertThat(jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", pair.conversation())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void afterStopAReplyStaysInTheConversationAndIsNotSent() {
		String number = newNumber();
		ChatFixture pair = textingPair("texts-stopped", number);
		WebSession therapist = ChatFixture.signIn(browser(), pair.therapist());
		therapist.get("/messages/" + pair.conversation() + "/text");
		TestSmsc.fromPhone(number, "STOP");
		TestSmsc.awaitText(number, 2);
		// The link is gone from the page and the reply page answers 404.
		assertThat(therapist.get("/messages/" + pair.conversation()).body()).doesNotContain("Send as a text message");
		assertThat(therapist.get("/messages/" + pair.conversation() + "/text").status()).isEqualTo(404);
		// Texts from the number are neither stored nor answered.
		TestSmsc.fromPhone(number, "Are you there?");
		assertThat(jdbc.sql("select count(*) from conversation_item where conversation_id = :c")
			.param("c", pair.conversation())
			.query(Long.class)
			.single()).isZero();
		// Queued while Haven took the text, if at all: only the code and the STOP
		// confirmation.
		assertThat(jdbc.sql("select count(*) from text_outbox where recipient = :n")
			.param("n", number)
			.query(Long.class)
			.single()).isEqualTo(2);
	}

}

package org.haven.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.haven.care.CareRelationships;
import org.haven.identity.TestAccounts.TestAccount;
import org.haven.scheduling.TestPractice;
import org.haven.support.TestSocket;
import org.haven.support.WebSession;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A therapist and a client in care, and their conversation (whose id is the care
 * relationship's).
 */
public record ChatFixture(TestPractice practice, TestAccount therapist, TestAccount client, UUID conversation) {

	public static ChatFixture create(ApplicationContext context, String therapistEmail, String clientEmail) {
		TestPractice practice = TestPractice.open(context, therapistEmail);
		TestAccount client = practice.clientInCare(clientEmail, true);
		UUID relationship = context.getBean(CareRelationships.class)
			.active(client.id(), practice.therapist().id())
			.orElseThrow();
		return new ChatFixture(practice, practice.therapist(), client, relationship);
	}

	public ObjectNode frame(String type) {
		return TestSocket.frame(type).put("conversation", conversation.toString());
	}

	public ObjectNode message(String clientId, String text) {
		return frame("chat-send").put("clientId", clientId).put("text", text);
	}

	public static WebSession signIn(WebSession session, TestAccount account) {
		session.signIn(account.email(), account.password(), account.totpSecret() == null ? null : account.code());
		return session;
	}

	public static List<String> texts(Iterable<JsonNode> items) {
		List<String> texts = new ArrayList<>();
		items.forEach(item -> texts.add(item.path("text").asString()));
		return texts;
	}
}

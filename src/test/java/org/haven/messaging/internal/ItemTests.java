package org.haven.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.haven.messaging.internal.Item.Kind;
import org.haven.shared.web.Refusal;
import org.junit.jupiter.api.Test;

/** Who may change or remove an item, and until when. */
class ItemTests {

	private static final Instant SENT = Instant.parse("2026-03-02T10:00:00Z");

	private static final UUID AUTHOR = UUID.randomUUID();

	@Test
	void theAuthorMayChangeTheirChatMessageForFiveMinutes() {
		Item message = item(Kind.CHAT, null);
		assertThatCode(() -> message.checkChangeableBy(AUTHOR, SENT)).doesNotThrowAnyException();
		assertThatCode(() -> message.checkChangeableBy(AUTHOR, SENT.plus(Duration.ofMinutes(5))))
			.doesNotThrowAnyException();
		refused(() -> message.checkChangeableBy(AUTHOR, SENT.plus(Duration.ofMinutes(5)).plusMillis(1)),
				"A message can be changed or removed for 5 minutes after it was sent.");
	}

	@Test
	void onlyTheAuthorMayChangeAMessage() {
		refused(() -> item(Kind.CHAT, null).checkChangeableBy(UUID.randomUUID(), SENT),
				"Only the person who wrote a chat message may change or remove it.");
	}

	@Test
	void aLetterIsNotChangedThroughChatEvenByItsAuthor() {
		refused(() -> item(Kind.LETTER, null).checkChangeableBy(AUTHOR, SENT),
				"Only the person who wrote a chat message may change or remove it.");
	}

	@Test
	void aTextIsNeverChangedItWentByPhone() {
		refused(() -> item(Kind.TEXT, null).checkChangeableBy(AUTHOR, SENT),
				"A text cannot be changed or removed: it went by phone.");
	}

	@Test
	void aRemovedMessageIsNotChangedAgain() {
		refused(() -> item(Kind.CHAT, SENT.plusSeconds(10)).checkChangeableBy(AUTHOR, SENT.plusSeconds(20)),
				"This message was already removed.");
	}

	@Test
	void aPlainChatMessageAsJustStoredIsItsAuthorsNeitherEditedNorRemoved() {
		Member author = new Member(UUID.randomUUID(), AUTHOR, AUTHOR, UUID.randomUUID(), true);
		Item stored = Item.chat(author, 7, "k", "Hello", SENT);
		assertThat(stored).isEqualTo(new Item(author.conversationId(), 7, 7, Kind.CHAT, AUTHOR, true, "k", "Hello",
				null, null, SENT, null, null, List.of(), null));
	}

	private static Item item(Kind kind, Instant deletedAt) {
		return new Item(UUID.randomUUID(), 3, 3, kind, AUTHOR, true, "k", deletedAt == null ? "Hi" : null, null, null,
				SENT, null, deletedAt, List.of(), null);
	}

	private static void refused(Runnable change, String message) {
		assertThatThrownBy(change::run).isInstanceOfSatisfying(Refusal.class, refusal -> {
			assertThat(refusal.code()).isEqualTo("not-allowed");
			assertThat(refusal.getMessage()).isEqualTo(message);
		});
	}

}

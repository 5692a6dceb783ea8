package org.haven.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.haven.audit.AuditTrail;
import org.haven.messaging.TextMessages;
import org.haven.messaging.internal.Item.Kind;
import org.haven.messaging.internal.Posting.Posted;
import org.haven.shared.text.TextChecks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Texts (SMS) as items of the conversation, for the texting module. They are stored by
 * {@link Posting} like a chat message (numbered, sealed, announced unread) and pushed to
 * open chat pages like a letter: stored and committed, then pushed, under the
 * conversation's {@link ChatHub} lock, so that this node's connections receive them in
 * sequence order with chat messages.
 */
@Service
class TextItems implements TextMessages {

	/** Room for "sms:" in a client key of 64 characters. */
	private static final int MAX_PLAIN_DEDUPE_KEY = 60;

	private final ConversationStore conversations;

	private final Posting posting;

	private final Timeline timeline;

	private final ChatHub hub;

	private final ItemJson items;

	private final AuditTrail audit;

	private final TransactionTemplate transaction;

	TextItems(ConversationStore conversations, Posting posting, Timeline timeline, ChatHub hub, ItemJson items,
			AuditTrail audit, PlatformTransactionManager transactions) {
		this.conversations = conversations;
		this.posting = posting;
		this.timeline = timeline;
		this.hub = hub;
		this.items = items;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public Stored receivedByText(UUID conversationId, UUID clientId, String text, String dedupeKey) {
		String words = inbound(text);
		String key = dedupeKey(dedupeKey);
		Member member = party(conversationId, clientId, true);
		return store(member, key, words, "TEXT_RECEIVED");
	}

	@Override
	public Stored sentByText(UUID conversationId, UUID therapistId, String text, String clientKey) {
		checkText(text);
		if (clientKey == null || clientKey.isEmpty() || clientKey.length() > 64
				|| TextChecks.hasControlCharacters(clientKey)) {
			throw Refused.as("bad-field", "clientKey", "A client key is 1 to 64 characters, unique per message.");
		}
		Member member = party(conversationId, therapistId, false);
		return store(member, clientKey, text, "TEXT_REPLY_STORED");
	}

	@Override
	@Transactional
	public Optional<String> textOf(UUID conversationId, long seq) {
		Optional<String> text = timeline.find(conversationId, seq)
			.filter(item -> item.kind() == Kind.TEXT && !item.deleted())
			.map(Item::text);
		if (text.isPresent()) {
			// Read by Haven itself, to hand the words to the phone network.
			audit.record("system", "CONVERSATION_READ", "conversation:" + conversationId, "text " + seq + " to send");
		}
		return text;
	}

	@Override
	public void textState(UUID conversationId, long seq, String state) {
		TextStates.check(state);
		committedThenPushed(conversationId, () -> posting.textState(conversationId, seq, state), changed -> changed);
	}

	/**
	 * The account as the party it must be; refused before anything is written, so that a
	 * caller's own transaction is not spoilt by a refusal it expects.
	 */
	private Member party(UUID conversationId, UUID accountId, boolean client) {
		Objects.requireNonNull(conversationId, "conversationId");
		Objects.requireNonNull(accountId, "accountId");
		Member member = conversations.member(accountId, conversationId)
			.filter(m -> m.isClient() == client)
			.orElseThrow(Refused::notFound);
		if (!member.open() || conversations.isClosed(conversationId)) {
			throw Refused.closed();
		}
		return member;
	}

	private Stored store(Member member, String clientKey, String text, String action) {
		Posted posted = committedThenPushed(member.conversationId(), () -> write(member, clientKey, text, action),
				stored -> stored.duplicate() ? Optional.empty() : Optional.of(stored.item()));
		return new Stored(posted.item().seq(), posted.item().postedAt(), posted.duplicate());
	}

	private Posted write(Member member, String clientKey, String text, String action) {
		Posted posted = posting.post(member, clientKey, Kind.TEXT, text, null, List.of());
		if (posted.item().kind() != Kind.TEXT) {
			throw Refused.as("not-allowed", "clientKey", "This key was used for another message.");
		}
		if (!posted.duplicate()) {
			audit.record(AuditTrail.account(member.accountId()), action, "conversation:" + member.conversationId(),
					"seq " + posted.item().seq());
		}
		return posted;
	}

	/**
	 * Runs {@code change} in a transaction and pushes the item it changed once that is
	 * committed. On its own, store, commit and push happen under the conversation's lock,
	 * as for a letter. Inside a caller's transaction the push waits for that commit (an
	 * item must never be seen before it is stored), and may then come after a later item
	 * of another sender: the page orders by sequence and asks for a gap, as for items
	 * from another node.
	 */
	private <T> T committedThenPushed(UUID conversationId, Supplier<T> change, Function<T, Optional<Item>> pushed) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			T result = change.get();
			pushed.apply(result)
				.ifPresent(item -> TransactionSynchronizationManager
					.registerSynchronization(new TransactionSynchronization() {
						@Override
						public void afterCommit() {
							hub.ordered(conversationId, () -> {
								push(item);
								return null;
							});
						}
					}));
			return result;
		}
		return hub.ordered(conversationId, () -> {
			T result = transaction.execute(status -> change.get());
			pushed.apply(result).ifPresent(this::push);
			return result;
		});
	}

	private void push(Item item) {
		hub.push(item.conversationId(), null, items.frame(item));
	}

	private static void checkText(String text) {
		if (text == null || text.isBlank()) {
			throw Refused.as("bad-field", "text", "A text has words.");
		}
		if (text.getBytes(StandardCharsets.UTF_8).length > ChatFrame.MAX_TEXT_BYTES) {
			throw Refused.as("text-too-long", "text", "A text may hold at most 16 KiB.");
		}
		if (TextChecks.hasControlCharacters(text)) {
			throw Refused.as("bad-field", "text", "The text holds control characters.");
		}
	}

	/**
	 * A text from a phone as the page shows it: line ends as newlines, other control
	 * characters dropped rather than the client's words refused.
	 */
	static String inbound(String text) {
		if (text == null) {
			throw Refused.as("bad-field", "text", "A text has words.");
		}
		String lines = text.replace("\r\n", "\n").replace('\r', '\n');
		StringBuilder kept = new StringBuilder(lines.length());
		lines.codePoints()
			.filter(cp -> !Character.isISOControl(cp) || cp == '\n' || cp == '\t')
			.forEach(kept::appendCodePoint);
		String words = kept.toString();
		checkText(words);
		return words;
	}

	/**
	 * The client key of a text from a phone: "sms:" and the key as given when it fits, a
	 * digest of it otherwise. A browser chooses its chat keys freely, so a client could
	 * take such a key on purpose: the item found under it is then no text, and
	 * {@link #write} refuses rather than answer with it.
	 */
	static String dedupeKey(String dedupeKey) {
		if (dedupeKey == null || dedupeKey.isBlank()) {
			throw Refused.as("bad-field", "dedupeKey", "A text from a phone needs the key that makes it unique.");
		}
		if (dedupeKey.length() <= MAX_PLAIN_DEDUPE_KEY && !TextChecks.hasControlCharacters(dedupeKey)) {
			return "sms:" + dedupeKey;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
			return "sms#" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

}

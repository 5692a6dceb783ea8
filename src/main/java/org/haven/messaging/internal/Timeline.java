package org.haven.messaging.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditTrail;
import org.haven.messaging.internal.ConversationStore.State;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of a conversation's timeline, oldest first, with each view of it audited once
 * (not once per message). Opening a chat is one read: the conversation's state and the
 * page the client asked for.
 */
@Service
public class Timeline {

	static final int OPEN_PAGE = 50;

	static final int SYNC_PAGE = 200;

	private final ItemRows rows;

	private final ConversationStore conversations;

	private final AuditTrail audit;

	Timeline(ItemRows rows, ConversationStore conversations, AuditTrail audit) {
		this.rows = rows;
		this.conversations = conversations;
		this.audit = audit;
	}

	/**
	 * What {@code chat-open} answers, read in one transaction: with {@code after}, the
	 * changes since (unless {@code after} is beyond the last sequence: then no page, and
	 * {@link Opening#reload()}); without, the newest page.
	 */
	@Transactional
	Opening open(Member member, Long after) {
		State state = conversations.state(member.conversationId());
		boolean reload = after != null && after > state.lastSeq();
		Page page = reload ? null : after != null ? changes(member.conversationId(), after)
				: page(member.conversationId(), null, OPEN_PAGE);
		// Last, so that the audit trail's lock is held for the commit only.
		recordRead(member, "chat");
		return new Opening(state, page, reload);
	}

	/**
	 * @param page null when {@code reload}
	 * @param reload the client had seen more than the conversation holds (a restored
	 * backup): it should read the conversation from the start
	 */
	record Opening(State state, Page page, boolean reload) {
	}

	/**
	 * @param items oldest first
	 * @param more whether there are more than these: older items, or later changes
	 */
	record Page(List<Item> items, boolean more) {
	}

	/** The items changed after {@code after}, oldest change first, a page at most. */
	@Transactional(readOnly = true)
	Page changes(UUID conversationId, long after) {
		List<Item> changed = changedAfter(conversationId, after, SYNC_PAGE + 1);
		boolean more = changed.size() > SYNC_PAGE;
		return new Page(more ? changed.subList(0, SYNC_PAGE) : changed, more);
	}

	/**
	 * Up to {@code size} items before {@code before} (the newest when null), oldest
	 * first.
	 */
	@Transactional(readOnly = true)
	Page page(UUID conversationId, Long before, int size) {
		List<Item> items = before(conversationId, before, size + 1);
		boolean more = items.size() > size;
		return new Page(more ? items.subList(1, items.size()) : items, more);
	}

	@Transactional(readOnly = true)
	public Optional<Item> find(UUID conversationId, long seq) {
		return rows
			.withAttachments(conversationId,
					"select * from conversation_item where conversation_id = :c and seq = :seq",
					Map.of("c", conversationId, "seq", seq))
			.stream()
			.findFirst();
	}

	/**
	 * Items changed (new, edited or removed) after {@code after}, oldest change first.
	 */
	@Transactional(readOnly = true)
	public List<Item> changedAfter(UUID conversationId, long after, int limit) {
		return rows.withAttachments(conversationId,
				"""
						select * from conversation_item where conversation_id = :c and rev > :after order by rev limit :limit""",
				Map.of("c", conversationId, "after", after, "limit", limit));
	}

	private List<Item> before(UUID conversationId, Long before, int limit) {
		List<Item> items = new ArrayList<>(rows
			.items("""
					select * from conversation_item where conversation_id = :c and seq < :before order by seq desc limit :limit""",
					Map.of("c", conversationId, "before", before == null ? Long.MAX_VALUE : before, "limit", limit)));
		Collections.reverse(items);
		return rows.withAttachments(conversationId, items);
	}

	/** The whole timeline in order, for an export. */
	@Transactional(readOnly = true)
	public List<Item> all(UUID conversationId) {
		return rows.withAttachments(conversationId,
				"select * from conversation_item where conversation_id = :c order by seq", Map.of("c", conversationId));
	}

	/** The letters of one thread in order. */
	@Transactional(readOnly = true)
	public List<Item> letters(UUID conversationId, UUID threadId) {
		return rows.withAttachments(conversationId,
				"""
						select * from conversation_item where conversation_id = :c and thread_id = :t and kind = 'LETTER' order by seq""",
				Map.of("c", conversationId, "t", threadId));
	}

	/**
	 * One audit entry for one view of a conversation (a page, a history page, an export),
	 * not one per message.
	 */
	@Transactional
	public void recordRead(Member member, String what) {
		audit.record(AuditTrail.account(member.accountId()), "CONVERSATION_READ",
				"conversation:" + member.conversationId(), what);
	}

}

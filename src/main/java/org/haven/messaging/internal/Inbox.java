package org.haven.messaging.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.haven.care.CareEnded;
import org.haven.messaging.Conversations;
import org.haven.shared.crypto.FieldEncryption;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may know of conversations: counts of what is unread, and for the
 * clinical record the subjects of letter threads; never the text of a message or letter.
 */
@Service
class Inbox implements Conversations {

	private final JdbcClient jdbc;

	private final ConversationStore store;

	private final FieldEncryption encryption;

	Inbox(JdbcClient jdbc, ConversationStore store, FieldEncryption encryption) {
		this.jdbc = jdbc;
		this.store = store;
		this.encryption = encryption;
	}

	@Override
	@Transactional(readOnly = true)
	public List<LetterThread> letterThreads(UUID clientId) {
		return jdbc.sql("""
				select t.id, t.conversation_id, c.therapist_id, t.subject, t.started_at
				from letter_thread t join conversation c on c.id = t.conversation_id
				where c.client_id = :client order by t.started_at""")
			.param("client", clientId)
			.query((rs, n) -> new LetterThread(rs.getObject("id", UUID.class),
					rs.getObject("conversation_id", UUID.class), rs.getObject("therapist_id", UUID.class),
					encryption.decrypt(rs.getString("subject")),
					rs.getObject("started_at", OffsetDateTime.class).toInstant()))
			.list();
	}

	/**
	 * Reads only what is unread: chat items (texts count as chat: they share its read
	 * marks) above the read mark through the primary key (conversation, seq), letters
	 * above each thread's mark through (thread, seq), so the cost follows what is new,
	 * not the conversation's history.
	 */
	@Override
	@Transactional(readOnly = true)
	public List<Unread> unread(UUID accountId) {
		return jdbc
			.sql("""
					select c.id, c.client_id = :me as is_client,
					  (select count(*) from conversation_item i where i.conversation_id = c.id and i.kind in ('CHAT', 'TEXT') and i.author_id <> :me
					     and i.deleted_at is null and i.seq > (case when c.client_id = :me then c.client_read else c.therapist_read end)) as chats,
					  (select coalesce(max(i.seq), 0) from conversation_item i where i.conversation_id = c.id and i.kind in ('CHAT', 'TEXT')
					     and i.author_id <> :me and i.deleted_at is null
					     and i.seq > (case when c.client_id = :me then c.client_read else c.therapist_read end)) as newest_chat,
					  (select count(*) from letter_thread t join conversation_item i on i.thread_id = t.id
					     and i.seq > (case when c.client_id = :me then t.client_read else t.therapist_read end)
					     where t.conversation_id = c.id and i.kind = 'LETTER' and i.author_id <> :me) as letters,
					  (select coalesce(max(i.seq), 0) from letter_thread t join conversation_item i on i.thread_id = t.id
					     and i.seq > (case when c.client_id = :me then t.client_read else t.therapist_read end)
					     where t.conversation_id = c.id and i.kind = 'LETTER' and i.author_id <> :me) as newest_letter
					from conversation c where c.client_id = :me or c.therapist_id = :me""")
			.param("me", accountId)
			.query((rs, n) -> new Unread(rs.getObject("id", UUID.class), rs.getBoolean("is_client"),
					Math.max(rs.getLong("newest_chat"), rs.getLong("newest_letter")), rs.getInt("chats"),
					rs.getInt("letters")))
			.list()
			.stream()
			.filter(u -> u.chatMessages() + u.letters() > 0)
			.toList();
	}

	/** Care ended: the conversation stays readable and takes nothing new. */
	@ApplicationModuleListener
	void on(CareEnded ended) {
		store.close(ended.relationshipId());
	}

}

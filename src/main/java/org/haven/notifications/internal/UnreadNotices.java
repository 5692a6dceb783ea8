package org.haven.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.identity.Accounts;
import org.haven.messaging.Conversations;
import org.haven.messaging.Conversations.Unread;
import org.haven.messaging.LetterSent;
import org.haven.messaging.MessagesPosted;
import org.haven.shared.mail.Mailer;
import org.haven.shared.mail.OutgoingMail;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.PublicLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a recipient by email that a chat message or letter has waited unread for
 * {@code haven.notifications.unread-delay}: one mail for everything that arrived
 * meanwhile, saying only that there is something new and where to sign in.
 *
 * <p>
 * Each group of messages, and each letter, schedules a check of each recipient, unless
 * one is pending already (so a burst of messages makes one mail). A due check is claimed
 * with {@code for update skip
 * locked}, so two nodes never take the same one, and in one transaction it queues the
 * mail, raises the marks of what it announced and goes away; the outbox delivers the mail
 * after the commit and waits out SMTP outages. An event delivered again after a restart
 * schedules a check that finds nothing above the marks and sends nothing.
 */
@Service
public class UnreadNotices {

	private final JdbcClient jdbc;

	private final Conversations conversations;

	private final Accounts accounts;

	private final Preferences preferences;

	private final UnreadMarks marks;

	private final Mailer mailer;

	private final PublicLinks links;

	private final NotificationProperties properties;

	private final Clock clock;

	private final TransactionTemplate transaction;

	UnreadNotices(JdbcClient jdbc, Conversations conversations, Accounts accounts, Preferences preferences,
			UnreadMarks marks, Mailer mailer, PublicLinks links, NotificationProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.conversations = conversations;
		this.accounts = accounts;
		this.preferences = preferences;
		this.marks = marks;
		this.mailer = mailer;
		this.links = links;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Heard inside the transaction that stored the messages: the check is scheduled
	 * exactly when they are stored (see {@link MessagesPosted}).
	 */
	@EventListener
	void on(MessagesPosted posted) {
		// One pending check per recipient, due from the first of their messages in the
		// group.
		Map<UUID, Instant> first = new LinkedHashMap<>();
		posted.messages().forEach(m -> first.merge(m.recipientId(), m.at(), (a, b) -> a.isBefore(b) ? a : b));
		schedule(first);
	}

	@ApplicationModuleListener
	void on(LetterSent sent) {
		schedule(Map.of(sent.recipientId(), sent.at()));
	}

	/**
	 * Adds a check for each recipient that has none pending, due after the delay, in one
	 * statement: usually a check is pending already (a conversation in full flow) and
	 * this adds nothing. A check another transaction is adding at the same moment covers
	 * the recipient just as well.
	 */
	private void schedule(Map<UUID, Instant> firstAt) {
		// One statement text for any number of recipients (arrays): prepared once.
		jdbc.sql("""
				insert into unread_check (account_id, due_at)
				select * from unnest(cast(? as uuid[]), cast(? as timestamp with time zone[]))
				on conflict (account_id) do nothing""")
			.param(firstAt.keySet().stream().map(UUID::toString).toArray(String[]::new))
			.param(firstAt.values()
				.stream()
				.map(at -> at.plus(properties.unreadDelay()).toString())
				.toArray(String[]::new))
			.update();
	}

	@Scheduled(fixedDelayString = "${haven.notifications.poll-interval:30s}")
	void poll() {
		sendDue();
	}

	/**
	 * Runs every due check, each in its own transaction; returns how many mails were
	 * queued.
	 */
	public int sendDue() {
		List<UUID> due = jdbc.sql("select account_id from unread_check where due_at <= :now order by due_at limit 200")
			.param("now", Timestamps.utc(clock.instant()))
			.query(UUID.class)
			.list();
		int sent = 0;
		for (UUID account : due) {
			if (Boolean.TRUE.equals(transaction.execute(status -> check(account)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean check(UUID account) {
		Instant now = clock.instant();
		boolean claimed = jdbc
			.sql("select account_id from unread_check where account_id = :a and due_at <= :now for update skip locked")
			.param("a", account)
			.param("now", Timestamps.utc(now))
			.query(UUID.class)
			.optional()
			.isPresent();
		if (!claimed) {
			return false; // another node has it, or it was done meanwhile
		}
		Preferences.Choice choice = preferences.of(account);
		Optional<Instant> quietUntil = choice.quietUntil(now);
		if (choice.emailUnread() && quietUntil.isPresent()) {
			jdbc.sql("update unread_check set due_at = :due where account_id = :a")
				.param("due", Timestamps.utc(quietUntil.get()))
				.param("a", account)
				.update();
			return false;
		}
		jdbc.sql("delete from unread_check where account_id = :a").param("a", account).update();
		if (!choice.emailUnread()) {
			return false;
		}
		List<Unread> fresh = marks.notYetAnnounced(account, conversations.unread(account));
		Optional<String> email = accounts.emailOf(account);
		if (fresh.isEmpty() || email.isEmpty()) {
			return false;
		}
		marks.advance(account, fresh);
		String link = links.to("/messages").toString();
		String body = fresh.size() == 1 ? NoticeText.unread(fresh.get(0).recipientIsClient(), link)
				: NoticeText.unreadInSeveral(link);
		return mailer.send(OutgoingMail.of(email.get(), "Something new in Haven", body)
			.once(UnreadMarks.dedupeKey(account, fresh))
			.unsubscribeAt(links.to(Preferences.PAGE)));
	}

}

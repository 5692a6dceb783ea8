package org.haven.shared.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.PublicLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers the outbox. Each mail is leased before it is sent, so several nodes (or the
 * poller and a post-commit trigger on one node) never send the same mail twice; a lease
 * held by a node that died runs out after two minutes and another node sends the mail. A
 * failed send is retried with growing pauses until the SMTP server takes it or
 * {@code haven.mail.give-up-after} has passed. A mail is marked sent right after the
 * server accepts it; only a crash between those two steps could repeat one (ADR 0006 and
 * 0008). Once sent, the stored body is erased: it held a sign-in link.
 */
@Component
public class MailOutbox implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

	private static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

	private static final Duration KEEP_SENT = Duration.ofDays(30);

	private static final int BATCH = 20;

	private final JdbcClient jdbc;

	private final JavaMailSender sender;

	private final FieldEncryption encryption;

	private final MailProperties properties;

	private final MimeMail mime;

	private final Clock clock;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "haven-mail-outbox");
		thread.setDaemon(true);
		return thread;
	});

	MailOutbox(JdbcClient jdbc, JavaMailSender sender, FieldEncryption encryption, MailProperties properties,
			PublicLinks links, Clock clock) {
		this.jdbc = jdbc;
		this.sender = sender;
		this.encryption = encryption;
		this.properties = properties;
		this.mime = new MimeMail(links.to("/"));
		this.clock = clock;
	}

	/**
	 * Asks for a delivery round in the background; several requests while one is waiting
	 * make one round.
	 */
	void deliverSoon() {
		if (queued.compareAndSet(false, true)) {
			executor.execute(() -> {
				queued.set(false);
				deliverDue();
			});
		}
	}

	@Scheduled(fixedDelayString = "${haven.mail.poll-interval:10s}",
			initialDelayString = "${haven.mail.poll-interval:10s}")
	void poll() {
		deliverDue();
		purgeOld();
	}

	/** Sends every mail that is due; returns how many the SMTP server accepted. */
	public int deliverDue() {
		int sent = 0;
		List<UUID> due;
		do {
			due = jdbc
				.sql("""
						select id from mail_outbox where sent_at is null and abandoned_at is null and next_attempt_at <= :now
						and (lease_until is null or lease_until < now()) order by next_attempt_at limit :batch""")
				.param("now", now())
				.param("batch", BATCH)
				.query(UUID.class)
				.list();
			int sentThisRound = 0;
			for (UUID id : due) {
				if (lease(id) && deliver(id)) {
					sentThisRound++;
				}
			}
			sent += sentThisRound;
			// Stop when a whole batch failed: the server is away, the next poll tries
			// again.
			if (sentThisRound == 0) {
				break;
			}
		}
		while (due.size() == BATCH);
		return sent;
	}

	/**
	 * Takes the mail if it is still due and nobody holds it: the list this round read may
	 * be stale, as another node may have sent the mail, or failed and set its next
	 * attempt, meanwhile. The lease runs on the database's clock, the one clock every
	 * node shares: a node whose own clock is ahead never takes a mail another node is
	 * still sending.
	 */
	boolean lease(UUID id) {
		return jdbc.sql("""
				update mail_outbox set lease_until = now() + make_interval(secs => :lease) where id = :id
				and sent_at is null and abandoned_at is null and next_attempt_at <= :now
				and (lease_until is null or lease_until < now())""")
			.param("lease", LEASE.toSeconds())
			.param("now", now())
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Sends one leased mail; false if it failed or was meanwhile sent or abandoned by
	 * another holder.
	 */
	boolean deliver(UUID id) {
		// A lease that ran out while its holder was still sending can be taken again, and
		// the first holder may
		// then finish (and erase the body) before this one reads the row: such a mail is
		// done, not sent again.
		Pending mail = jdbc.sql("select * from mail_outbox where id = :id and sent_at is null and abandoned_at is null")
			.param("id", id)
			.query((rs, n) -> new Pending(rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
					rs.getString("attachment_name"), rs.getString("attachment_type"), rs.getString("attachment"),
					rs.getString("list_unsubscribe"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getInt("attempts"), rs.getObject("not_after", OffsetDateTime.class)))
			.optional()
			.orElse(null);
		if (mail == null) {
			return false;
		}
		Instant now = clock.instant();
		if (mail.notAfter() != null && now.isAfter(mail.notAfter().toInstant())) {
			abandon(id, "too late");
			return false;
		}
		try {
			sender.send(message(id, mail));
		}
		catch (MailException | MessagingException ex) {
			failed(id, mail, ex);
			return false;
		}
		jdbc.sql(
				"""
						update mail_outbox set sent_at = :now, lease_until = null, attempts = attempts + 1, body = '', attachment = null,
						last_error = null where id = :id and sent_at is null""")
			.param("now", Timestamps.utc(now))
			.param("id", id)
			.update();
		return true;
	}

	private MimeMessage message(UUID id, Pending mail) throws MessagingException {
		return mime.write(sender.createMimeMessage(), id, properties.from(), new MimeMail.Content(mail.recipient(),
				mail.subject(), encryption.decrypt(mail.body()), mail.attachmentName(), mail.attachmentType(),
				mail.attachment() == null ? null : encryption.decrypt(mail.attachment()), mail.listUnsubscribe()));
	}

	private void failed(UUID id, Pending mail, Exception ex) {
		Instant now = clock.instant();
		int attempts = mail.attempts() + 1;
		if (Duration.between(mail.createdAt(), now).compareTo(properties.giveUpAfter()) > 0) {
			log.error("Giving up on mail {} after {} attempts: {}", id, attempts, ex.getClass().getSimpleName());
			abandon(id, ex.getClass().getSimpleName());
			return;
		}
		Duration pause = retryPause(attempts);
		log.warn("Mail server did not accept mail {} (attempt {}: {}); next try in {} s", id, attempts,
				ex.getClass().getSimpleName(), pause.toSeconds());
		jdbc.sql(
				"""
						update mail_outbox set attempts = :attempts, next_attempt_at = :next, lease_until = null, last_error = :error
						where id = :id and sent_at is null""")
			.param("attempts", attempts)
			.param("next", Timestamps.utc(now.plus(pause)))
			.param("error", ex.getClass().getSimpleName())
			.param("id", id)
			.update();
	}

	/** 30 s, 1 min, 2 min, ... up to 15 min between attempts. */
	static Duration retryPause(int attempts) {
		int doublings = Math.min(attempts - 1, 10);
		Duration pause = FIRST_RETRY.multipliedBy(1L << doublings);
		return pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
	}

	private void abandon(UUID id, String reason) {
		jdbc.sql(
				"""
						update mail_outbox set abandoned_at = :now, lease_until = null, body = '', attachment = null, last_error = :reason
						where id = :id and sent_at is null""")
			.param("now", now())
			.param("reason", reason)
			.param("id", id)
			.update();
	}

	private void purgeOld() {
		jdbc.sql("delete from mail_outbox where (sent_at < :before or abandoned_at < :before)")
			.param("before", Timestamps.utc(clock.instant().minus(KEEP_SENT)))
			.update();
	}

	/** Mail waiting to go out (for operators and tests). */
	public long pending() {
		return jdbc.sql("select count(*) from mail_outbox where sent_at is null and abandoned_at is null")
			.query(Long.class)
			.single();
	}

	private OffsetDateTime now() {
		return Timestamps.utc(clock.instant());
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

	private record Pending(String recipient, String subject, String body, String attachmentName, String attachmentType,
			String attachment, String listUnsubscribe, Instant createdAt, int attempts, OffsetDateTime notAfter) {
	}

}

package org.haven.shared.mail;

import java.time.Clock;
import java.util.UUID;

import org.haven.shared.crypto.FieldEncryption;
import org.haven.shared.time.Timestamps;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts mail in the outbox (the {@code mail_outbox} table), in the caller's transaction
 * when there is one: a mail exists exactly when what it announces was committed.
 * {@link MailOutbox} delivers it after the commit and keeps retrying while the SMTP
 * server is away, across restarts. Callers return at once whether or not a mail goes out,
 * so a page's response time never tells whether an address is known.
 */
@Component
@EnableConfigurationProperties(MailProperties.class)
public class Mailer {

	private final JdbcClient jdbc;

	private final FieldEncryption encryption;

	private final MailOutbox outbox;

	private final Clock clock;

	private final TransactionTemplate savepoint;

	Mailer(JdbcClient jdbc, FieldEncryption encryption, MailOutbox outbox, Clock clock,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.outbox = outbox;
		this.clock = clock;
		this.savepoint = new TransactionTemplate(transactions);
		// Nested: a duplicate key rolls back to a savepoint and leaves the caller's
		// transaction usable.
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	public void send(String to, String subject, String body) {
		send(OutgoingMail.of(to, subject, body));
	}

	/**
	 * Stores the mail for delivery; false if a mail with the same dedupe key was stored
	 * before.
	 */
	public boolean send(OutgoingMail mail) {
		boolean stored;
		try {
			stored = Boolean.TRUE.equals(savepoint.execute(status -> insert(mail)));
		}
		catch (DuplicateKeyException duplicate) {
			stored = false;
		}
		if (stored) {
			deliverAfterCommit();
		}
		return stored;
	}

	private boolean insert(OutgoingMail mail) {
		OutgoingMail.Attachment attachment = mail.attachment();
		var now = Timestamps.utc(clock.instant());
		jdbc.sql(
				"""
						insert into mail_outbox (id, dedupe_key, recipient, subject, body, attachment_name, attachment_type, attachment,
						created_at, next_attempt_at, not_after, list_unsubscribe)
						values (:id, :key, :to, :subject, :body, :name, :type, :content, :now, :now, :notAfter, :unsubscribe)""")
			.param("id", UUID.randomUUID())
			.param("key", mail.dedupeKey())
			.param("to", mail.to())
			.param("subject", mail.subject())
			.param("body", encryption.encrypt(mail.body()))
			.param("name", attachment == null ? null : attachment.filename())
			.param("type", attachment == null ? null : attachment.contentType())
			.param("content", attachment == null ? null : encryption.encrypt(attachment.content()))
			.param("now", now)
			.param("notAfter", mail.notAfter() == null ? null : Timestamps.utc(mail.notAfter()))
			.param("unsubscribe", mail.listUnsubscribe() == null ? null : mail.listUnsubscribe().toString())
			.update();
		return true;
	}

	private void deliverAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					outbox.deliverSoon();
				}
			});
		}
		else {
			outbox.deliverSoon();
		}
	}

}

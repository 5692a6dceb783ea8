package org.haven.texting.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.haven.texting.internal.TextOutbox.Purpose;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends texts: stores each in the outbox and wakes the link once the text is committed.
 * Runs the link's life with the application's.
 */
public final class Texting implements SmartLifecycle {

	private final TextOutbox outbox;

	private final SmppLink link;

	private final Recipients recipients;

	private final String source;

	Texting(TextOutbox outbox, SmppLink link, Recipients recipients, String source) {
		this.outbox = outbox;
		this.link = link;
		this.recipients = recipients;
		this.source = source;
	}

	/** The number texts come from, as people would type it. */
	public String sourceShown() {
		return source == null || source.isBlank() ? "Haven's number"
				: (source.matches("[0-9]+") ? "+" + source : source);
	}

	/** Whether an SMSC is configured (or demo mode runs one). */
	public boolean enabled() {
		return link != null;
	}

	public Optional<LinkState> state() {
		return Optional.ofNullable(link).map(SmppLink::state);
	}

	Optional<SmppLink> link() {
		return Optional.ofNullable(link);
	}

	/**
	 * Queues a text. Inside a transaction the link is woken after the commit, so it never
	 * looks for a text it cannot see yet.
	 * @throws IllegalArgumentException for a number not in E.164 form, an empty text or
	 * one over 10 segments (nothing stored)
	 * @throws NotAllowed when the number opted out or its owner did not ask for such
	 * texts
	 */
	public UUID send(String recipient, UUID accountId, Purpose purpose, String body, Instant notAfter) {
		if (!recipients.allowed(recipient, purpose)) {
			throw new NotAllowed();
		}
		UUID id = outbox.queue(recipient, accountId, purpose, body, notAfter);
		wakeAfterCommit();
		return id;
	}

	/** Wakes the link now, or after the commit when a transaction is running. */
	void wakeAfterCommit() {
		if (link != null) {
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						link.wake();
					}
				});
			}
			else {
				link.wake();
			}
		}
	}

	/** The number opted out, or its owner did not ask for this kind of text. */
	public static final class NotAllowed extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		NotAllowed() {
			super("This number does not take such texts (it opted out, is not verified, or did not ask for them)");
		}

	}

	@Override
	public void start() {
		if (link != null) {
			link.start();
		}
	}

	@Override
	public void stop() {
		if (link != null) {
			link.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return link != null && link.isRunning();
	}

}

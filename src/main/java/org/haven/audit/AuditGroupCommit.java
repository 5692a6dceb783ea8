package org.haven.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.haven.audit.AuditTrail.Draft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the entries of page views in groups: one thread takes whatever entries are
 * waiting, appends them in one transaction (one lock of the chain's head, one flush to
 * disk), and lets each request go on once its entry is committed. Entries that arrive
 * while a group commits form the next group, so a page view waits for about one commit,
 * and many page views cost one.
 */
@Component
class AuditGroupCommit implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditGroupCommit.class);

	/** Entries a request may find waiting before it is refused rather than queued. */
	private static final int CAPACITY = 10_000;

	private static final int GROUP_LIMIT = 500;

	private static final long WAIT_SECONDS = 10;

	private final AuditTrail trail;

	private final TransactionTemplate transactions;

	private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(CAPACITY);

	private final AtomicLong groups = new AtomicLong();

	private volatile boolean running;

	private volatile int writing;

	private Thread writer;

	AuditGroupCommit(AuditTrail trail, PlatformTransactionManager transactionManager) {
		this.trail = trail;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Returns the number of the group the entry was committed in. */
	long append(Draft draft) {
		Pending pending = new Pending(draft, new CompletableFuture<>());
		if (!running || !queue.offer(pending)) {
			throw new AuditUnavailableException("the audit trail is not taking entries now", null);
		}
		try {
			return pending.done().get(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditUnavailableException("interrupted while the entry was written", ex);
		}
		catch (ExecutionException ex) {
			throw new AuditUnavailableException("the entry could not be written", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new AuditUnavailableException("the entry was not written within " + WAIT_SECONDS + " s", ex);
		}
	}

	/** Entries waiting for the writer or being written. */
	int pending() {
		return queue.size() + writing;
	}

	private void write() {
		List<Pending> group = new ArrayList<>();
		while (running || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				group.add(first);
				queue.drainTo(group, GROUP_LIMIT - 1);
				writing = group.size();
				List<Draft> drafts = group.stream().map(Pending::draft).toList();
				transactions.executeWithoutResult((status) -> trail.appendAll(drafts));
				long number = groups.incrementAndGet();
				group.forEach((pending) -> pending.done().complete(number));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Could not write {} audit entries of page views: {}", group.size(), ex.toString());
				group.forEach((pending) -> pending.done().completeExceptionally(ex));
			}
			finally {
				writing = 0;
				group.clear();
			}
		}
	}

	@Override
	public void start() {
		running = true;
		Thread thread = new Thread(this::write, "haven-audit-writer");
		thread.setDaemon(true);
		thread.start();
		writer = thread;
	}

	/** Takes no more entries and writes those already waiting. */
	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops after the web server (which stops late), so no page view waits in vain. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private record Pending(Draft draft, CompletableFuture<Long> done) {
	}

}

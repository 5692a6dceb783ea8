package org.haven.texting.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.haven.texting.internal.TextOutbox.Pending;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SSLSocketConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The link to the SMSC: binds as a transceiver (texts out, receipts and texts in on one
 * connection), keeps it alive with {@code enquire_link}, binds again with a growing pause
 * after it drops or a bind fails, and sends what the outbox holds. At most {@code window}
 * {@code submit_sm} wait for their answer at once, and no more than {@code rate} go out
 * per second.
 * <p>
 * Exactly once: a segment is recorded as sent when the SMSC's answer with its message id
 * comes, so after a drop sending resumes at the first segment without one. A segment
 * whose request could not be written is sent again. A segment that was written but never
 * answered may or may not have reached the SMSC; SMPP gives no way to ask, so the text is
 * marked UNCONFIRMED and not sent again (docs/texting.md says why).
 */
public final class SmppLink implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SmppLink.class);

	private static final Duration IDLE_POLL = Duration.ofSeconds(1);

	private static final Duration REPEAT_LOG = Duration.ofHours(1);

	private final Map<String, Instant> reasonsLogged = new ConcurrentHashMap<>();

	private final TextOutbox outbox;

	private final TextingProperties properties;

	private final TextingProperties.Smsc smsc;

	private final SmscListener listener;

	private final Clock clock;

	private final Semaphore window;

	private final Pacer pacer;

	private final Object signal = new Object();

	private boolean woken;

	private volatile boolean running;

	private volatile SMPPSession session;

	private volatile LinkState state = LinkState.starting();

	private final AtomicInteger binds = new AtomicInteger();

	private Thread loop;

	private ExecutorService senders;

	private final Recipients recipients;

	SmppLink(TextOutbox outbox, TextingProperties properties, TextingProperties.Smsc smsc, SmscListener listener,
			Recipients recipients, Clock clock) {
		this.recipients = recipients;
		this.outbox = outbox;
		this.properties = properties;
		this.smsc = smsc;
		this.listener = listener;
		this.clock = clock;
		this.window = new Semaphore(properties.window());
		this.pacer = new Pacer(properties.rate());
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		AtomicInteger threads = new AtomicInteger();
		senders = Executors.newFixedThreadPool(properties.window(), runnable -> {
			Thread thread = new Thread(runnable, "haven-smpp-send-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		loop = new Thread(this::run, "haven-smpp-link");
		loop.setDaemon(true);
		loop.start();
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (loop != null) {
			loop.interrupt();
		}
		if (senders != null) {
			senders.shutdownNow();
		}
		SMPPSession current = session;
		session = null;
		if (current != null) {
			current.unbindAndClose();
		}
		state = new LinkState(LinkState.Phase.STOPPED, "stopped", null);
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Where the link stands, for the health endpoint and the demo page. */
	public LinkState state() {
		return state;
	}

	/** How many times the link has bound since start. */
	int binds() {
		return binds.get();
	}

	/** A text was queued: send it now rather than at the next poll. */
	public void wake() {
		synchronized (signal) {
			woken = true;
			signal.notifyAll();
		}
	}

	private void run() {
		Duration pause = properties.rebindMin();
		while (running) {
			try {
				SMPPSession current = session;
				if (current == null || !current.getSessionState().isBound()) {
					if (current != null) {
						closeAside(current);
						session = null;
						state = new LinkState(LinkState.Phase.RECONNECTING, "the link dropped; binding again", null);
						log.warn("SMPP link to {}:{} dropped; binding again", smsc.host(), smsc.port());
					}
					if (!bind()) {
						await(pause);
						pause = longer(pause);
						continue;
					}
					pause = properties.rebindMin();
					current = session;
				}
				outbox.applyEarlyReceipts();
				List<UUID> due = outbox.due(properties.window() * 4);
				if (due.isEmpty()) {
					await(IDLE_POLL);
					continue;
				}
				for (UUID id : due) {
					if (!running || current != session) {
						break;
					}
					window.acquire();
					if (!outbox.lease(id)) {
						window.release();
						continue;
					}
					SMPPSession link = current;
					senders.execute(() -> {
						try {
							send(id, link);
						}
						catch (RuntimeException ex) {
							log.error("Sending text {} failed unexpectedly; it waits for the next round", id, ex);
							outbox.retryLater(id, properties.rebindMin(), ex.getClass().getSimpleName());
						}
						finally {
							window.release();
						}
					});
				}
				// Let the round's texts take their leases before the next query lists
				// them.
				window.acquire(properties.window());
				window.release(properties.window());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// The database may be away for a moment; nothing is lost, the texts wait.
				log.warn("Text sending round failed: {}; trying again", ex.getClass().getSimpleName());
				try {
					await(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private Duration longer(Duration pause) {
		Duration doubled = pause.multipliedBy(2);
		return doubled.compareTo(properties.rebindMax()) > 0 ? properties.rebindMax() : doubled;
	}

	private void await(Duration pause) throws InterruptedException {
		synchronized (signal) {
			if (!woken) {
				signal.wait(Math.max(1, pause.toMillis()));
			}
			woken = false;
		}
	}

	private boolean bind() {
		SMPPSession candidate = new SMPPSession(
				smsc.tls() ? SSLSocketConnectionFactory.getInstance() : SocketConnectionFactory.getInstance());
		candidate.setEnquireLinkTimer((int) properties.enquireLink().toMillis());
		candidate.setTransactionTimer(properties.responseTimeout().toMillis());
		candidate.setMessageReceiverListener(listener);
		try {
			candidate.connectAndBind(smsc.host(), smsc.port(),
					new BindParameter(BindType.BIND_TRX, smsc.systemId(), smsc.password(), smsc.systemType(),
							TypeOfNumber.valueOf(smsc.sourceTon()), NumberingPlanIndicator.valueOf(smsc.sourceNpi()),
							null),
					properties.responseTimeout().toMillis());
		}
		catch (IOException ex) {
			closeAside(candidate);
			LinkState failed = refusal(ex);
			Instant now = clock.instant();
			Instant logged = reasonsLogged.get(failed.detail());
			if (logged == null || logged.isBefore(now.minus(REPEAT_LOG))) {
				// Each reason once an hour, not at every attempt: a wrong password must
				// not
				// fill the log.
				reasonsLogged.put(failed.detail(), now);
				log.error("SMPP bind to {}:{} as '{}' failed: {}. Texts wait; retrying with a growing pause.",
						smsc.host(), smsc.port(), smsc.systemId(), failed.detail());
			}
			state = failed;
			return false;
		}
		session = candidate;
		binds.incrementAndGet();
		reasonsLogged.clear();
		state = new LinkState(LinkState.Phase.BOUND, "bound as a transceiver", clock.instant());
		log.info("SMPP link bound to {}:{} as '{}'", smsc.host(), smsc.port(), smsc.systemId());
		return true;
	}

	/**
	 * Closes a session on a thread of its own: jsmpp's close waits for the session's
	 * keep-alive thread, which may itself wait on the dead socket, and the link must not
	 * wait with it.
	 */
	private static void closeAside(SMPPSession dead) {
		Thread closer = new Thread(dead::close, "haven-smpp-close");
		closer.setDaemon(true);
		closer.start();
	}

	private static LinkState refusal(IOException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof NegativeResponseException negative) {
			int status = negative.getCommandStatus();
			String reason = switch (status) {
				case SMPPConstant.STAT_ESME_RINVPASWD -> "the SMSC refused the password (ESME_RINVPASWD)";
				case SMPPConstant.STAT_ESME_RINVSYSID -> "the SMSC does not know this system id (ESME_RINVSYSID)";
				case SMPPConstant.STAT_ESME_RBINDFAIL -> "the SMSC refused the bind (ESME_RBINDFAIL)";
				case SMPPConstant.STAT_ESME_RALYBND -> "the SMSC says this account is already bound (ESME_RALYBND)";
				default -> "the SMSC refused the bind with status 0x" + Integer.toHexString(status);
			};
			return new LinkState(LinkState.Phase.BIND_REFUSED, reason, null);
		}
		String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
		return new LinkState(LinkState.Phase.UNREACHABLE, "cannot reach the SMSC: " + reason, null);
	}

	private void send(UUID id, SMPPSession link) {
		Pending text = outbox.pending(id).orElse(null);
		if (text == null) {
			return;
		}
		if (text.notAfter() != null && clock.instant().isAfter(text.notAfter())) {
			outbox.end(id, TextStatus.FAILED, "too late to send");
			return;
		}
		if (text.segmentsSent() == 0 && !recipients.allowed(text.recipient(), text.purpose())) {
			// A STOP, or consent withdrawn, since the text was queued.
			outbox.end(id, TextStatus.FAILED, "the number no longer takes such texts");
			return;
		}
		SmsSegments split = SmsSegments.of(text.body(), text.concatRef());
		List<byte[]> segments = split.segments();
		for (int i = text.segmentsSent(); i < segments.size(); i++) {
			if (!running || link != session || !link.getSessionState().isBound()) {
				outbox.release(id);
				return;
			}
			try {
				pacer.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				outbox.release(id);
				return;
			}
			String smscId;
			try {
				smscId = link
					.submitShortMessage(smsc.systemType(), TypeOfNumber.valueOf(smsc.sourceTon()),
							NumberingPlanIndicator.valueOf(smsc.sourceNpi()), smsc.sourceAddress(),
							TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, text.recipient().substring(1),
							new ESMClass(split.esmClass()), (byte) 0, (byte) 1, null, null,
							new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
							new RawDataCoding(split.dataCoding()), (byte) 0, segments.get(i))
					.getMessageId();
			}
			catch (NegativeResponseException ex) {
				refused(text, ex.getCommandStatus());
				return;
			}
			catch (ResponseTimeoutException ex) {
				log.warn("No answer from the SMSC for segment {} of text {}; marked unconfirmed, not sent again", i + 1,
						id);
				outbox.end(id, TextStatus.UNCONFIRMED, "the SMSC did not answer segment " + (i + 1));
				return;
			}
			catch (IOException ex) {
				// The request could not be written: the SMSC has not seen it. The link is
				// closed by now; the text goes out after the rebind.
				outbox.release(id);
				return;
			}
			catch (PDUException | InvalidResponseException ex) {
				log.error("Text {} cannot be sent: {}", id, ex.getClass().getSimpleName());
				outbox.end(id, TextStatus.FAILED, ex.getClass().getSimpleName());
				return;
			}
			outbox.segmentAccepted(id, i, smscId, i == segments.size() - 1);
		}
	}

	private void refused(Pending text, int status) {
		String name = "0x" + Integer.toHexString(status);
		boolean passing = status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL
				|| status == SMPPConstant.STAT_ESME_RSYSERR || status == SMPPConstant.STAT_ESME_RX_T_APPN;
		if (passing && clock.instant().isBefore(text.createdAt().plus(properties.giveUpAfter()))) {
			Duration pause = properties.rebindMin().multipliedBy(1L << Math.min(text.attempts(), 6));
			log.warn("The SMSC asked to send text {} later (status {}); next try in {} s", text.id(), name,
					pause.toSeconds());
			outbox.retryLater(text.id(), pause, "refused for now: " + name);
			return;
		}
		log.warn("The SMSC refused text {} (status {})", text.id(), name);
		outbox.end(text.id(), passing ? TextStatus.FAILED : TextStatus.REJECTED, "refused: " + name);
	}

	/**
	 * At most {@code rate} permits a second, handed out evenly: SMSCs count per second
	 * and refuse bursts above the contract.
	 */
	static final class Pacer {

		private final long intervalNanos;

		private long next = System.nanoTime();

		Pacer(double rate) {
			this.intervalNanos = (long) (1_000_000_000L / rate);
		}

		void acquire() throws InterruptedException {
			long wait;
			synchronized (this) {
				long now = System.nanoTime();
				if (next < now) {
					next = now;
				}
				wait = next - now;
				next += intervalNanos;
			}
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
		}

	}

}

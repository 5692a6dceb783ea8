package org.haven.texting.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMSC in the same process, on 127.0.0.1: the embedded default's stand-in for a
 * carrier (shown at /dev/sms) and the SMSC the tests and the benchmark drive. It speaks
 * SMPP 3.4 through jsmpp's server side: it checks the bind's credentials, answers each
 * {@code submit_sm} with a message id, sends a delivery receipt shortly after, and sends
 * texts "from a phone" as {@code deliver_sm}, long ones in concatenated segments. Tests
 * can make it drop every link, lose the answer to a submission, refuse binds, or fail
 * deliveries.
 */
public final class DemoSmsc implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DemoSmsc.class);

	/** The number Haven texts from in demo mode (a fictional 555-01xx number). */
	public static final String HAVEN_NUMBER = "15550100";

	private final String systemId;

	private final String password;

	private final Clock clock;

	private final SMPPServerSessionListener listener;

	private final int port;

	private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();

	private final List<Submitted> submitted = new CopyOnWriteArrayList<>();

	private final Map<String, String> receipts = Collections.synchronizedMap(new LinkedHashMap<>());

	private final ExecutorService accepting;

	private final ScheduledExecutorService receipting;

	private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40));

	private final AtomicInteger binds = new AtomicInteger();

	private final AtomicInteger loseAnswers = new AtomicInteger();

	private final AtomicInteger bindAttempts = new AtomicInteger();

	private final AtomicInteger enquireLinks = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private volatile Duration answerDelay = Duration.ZERO;

	private volatile boolean refuseBinds;

	private volatile DeliveryReceiptState receiptState = DeliveryReceiptState.DELIVRD;

	private volatile Duration receiptDelay = Duration.ofMillis(300);

	private volatile boolean running = true;

	/**
	 * Starts listening on 127.0.0.1.
	 * @param port 0 for any free port (see {@link #port()})
	 */
	public DemoSmsc(int port, String systemId, String password, Clock clock) throws IOException {
		this.systemId = systemId;
		this.password = password;
		this.clock = clock;
		LoopbackServerConnections connections = new LoopbackServerConnections();
		this.listener = new SMPPServerSessionListener(port, connections);
		this.port = connections.port;
		listener.setMessageReceiverListener(new Receiver());
		// Enough threads to take every request of a wide window at once, so the window
		// the
		// ESME keeps is what limits it.
		listener.setPduProcessorDegree(32);
		listener.setQueueCapacity(1000);
		AtomicInteger threads = new AtomicInteger();
		this.accepting = Executors.newCachedThreadPool(runnable -> {
			Thread thread = new Thread(runnable, "haven-demo-smsc-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.receipting = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "haven-demo-smsc-receipts");
			thread.setDaemon(true);
			return thread;
		});
		accepting.execute(this::acceptLoop);
	}

	public int port() {
		return port;
	}

	private void acceptLoop() {
		while (running) {
			try {
				SMPPServerSession session = listener.accept();
				accepting.execute(() -> bind(session));
			}
			catch (IOException ex) {
				if (running) {
					log.warn("Demo SMSC: accepting a connection failed: {}", ex.getMessage());
				}
			}
		}
	}

	private void bind(SMPPServerSession session) {
		try {
			BindRequest request = session.waitForBind(5000);
			bindAttempts.incrementAndGet();
			if (refuseBinds || !systemId.equals(request.getSystemId())) {
				request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
			}
			else if (!password.equals(request.getPassword())) {
				request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
			}
			else {
				request.accept("haven-smsc");
				sessions.removeIf(old -> !old.getSessionState().isBound());
				sessions.add(session);
				binds.incrementAndGet();
				return;
			}
			// The ESME closes the link once it reads the refusal. Closing first could
			// reset the
			// connection (TCP drops unread data on a reset) before the refusal is read.
			receipting.schedule(session::close, 5, TimeUnit.SECONDS);
		}
		catch (IllegalStateException | TimeoutException | IOException | PDUStringException ex) {
			session.close();
		}
	}

	/** What Haven submitted, segment by segment, in order of arrival. */
	public List<Submitted> submitted() {
		return List.copyOf(submitted);
	}

	/**
	 * What Haven sent, with long texts put back together, newest first: what a phone
	 * would show.
	 */
	public List<Text> texts() {
		Map<String, List<Submitted>> byText = new LinkedHashMap<>();
		for (Submitted segment : submitted) {
			String key = segment.concat()
				.map(c -> segment.to() + "/" + c.ref() + "/" + c.total())
				.orElse(segment.messageId());
			byText.computeIfAbsent(key, k -> new ArrayList<>()).add(segment);
		}
		List<Text> texts = new ArrayList<>();
		for (List<Submitted> parts : byText.values()) {
			List<Submitted> ordered = new ArrayList<>(parts);
			ordered.sort((a, b) -> Integer.compare(a.concat().map(SmsSegments.Concat::index).orElse(1),
					b.concat().map(SmsSegments.Concat::index).orElse(1)));
			StringBuilder body = new StringBuilder();
			ordered.forEach(part -> body.append(part.text()));
			Submitted first = ordered.get(0);
			int total = first.concat().map(SmsSegments.Concat::total).orElse(1);
			List<String> states = ordered.stream().map(part -> receipts.getOrDefault(part.messageId(), "")).toList();
			texts.add(new Text(first.to(), body.toString(),
					first.dataCoding() == SmsSegments.DATA_CODING_GSM ? "GSM" : "UCS-2", ordered.size(), total, states,
					first.at()));
		}
		Collections.reverse(texts);
		return texts;
	}

	/** Sends a text "from a phone" to Haven, in segments if it is long. */
	public void sendFromPhone(String fromE164, String to, String body) throws IOException {
		SMPPServerSession session = bound().orElseThrow(() -> new IOException("Haven is not bound to the SMSC"));
		SmsSegments split = SmsSegments.of(body, ThreadLocalRandom.current().nextInt(256));
		try {
			for (byte[] segment : split.segments()) {
				session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
						fromE164.startsWith("+") ? fromE164.substring(1) : fromE164, TypeOfNumber.UNKNOWN,
						NumberingPlanIndicator.UNKNOWN, to, new ESMClass(split.esmClass()), (byte) 0, (byte) 0,
						new RegisteredDelivery(0), new RawDataCoding(split.dataCoding()), segment);
			}
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("Haven did not take the text: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Delivers one {@code deliver_sm} exactly as given, for tests of what Haven does with
	 * a message it cannot read.
	 * @return the command status Haven answered (0 when it took the message)
	 */
	public int deliverRaw(String fromE164, byte esmClass, byte dataCoding, byte[] shortMessage) throws IOException {
		SMPPServerSession session = bound().orElseThrow(() -> new IOException("Haven is not bound to the SMSC"));
		try {
			session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
					fromE164.startsWith("+") ? fromE164.substring(1) : fromE164, TypeOfNumber.UNKNOWN,
					NumberingPlanIndicator.UNKNOWN, HAVEN_NUMBER, new ESMClass(esmClass), (byte) 0, (byte) 0,
					new RegisteredDelivery(0), new RawDataCoding(dataCoding), shortMessage);
			return 0;
		}
		catch (org.jsmpp.extra.NegativeResponseException ex) {
			return ex.getCommandStatus();
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(ex);
		}
	}

	private Optional<SMPPServerSession> bound() {
		return sessions.stream().filter(s -> s.getSessionState().isBound()).findFirst();
	}

	/** Whether Haven is bound now. */
	public boolean linked() {
		return bound().isPresent();
	}

	/** How many binds were asked for, accepted or not. */
	public int bindAttempts() {
		return bindAttempts.get();
	}

	/** How many {@code enquire_link} the SMSC answered. */
	public int enquireLinks() {
		return enquireLinks.get();
	}

	/** The most {@code submit_sm} the SMSC held unanswered at one time. */
	public int mostInFlight() {
		return mostInFlight.get();
	}

	/** How long the SMSC takes to answer each {@code submit_sm}. */
	public void answerDelay(Duration delay) {
		this.answerDelay = delay;
	}

	/** How many binds the SMSC accepted since it started. */
	public int binds() {
		return binds.get();
	}

	/** Drops every link at once, as a carrier's restart or a network cut does. */
	public void dropLinks() {
		for (SMPPServerSession session : sessions) {
			sessions.remove(session);
			session.close();
		}
	}

	/**
	 * The next {@code count} submissions are taken (and kept) but their answer is lost:
	 * the link drops before the SMSC answers.
	 */
	public void loseAnswers(int count) {
		loseAnswers.set(count);
	}

	public void refuseBinds(boolean refuse) {
		this.refuseBinds = refuse;
	}

	/** The state the next receipts report (DELIVRD by default). */
	public void receiptState(DeliveryReceiptState state) {
		this.receiptState = state;
	}

	public void receiptDelay(Duration delay) {
		this.receiptDelay = delay;
	}

	@Override
	public void close() {
		running = false;
		dropLinks();
		try {
			listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		accepting.shutdownNow();
		receipting.shutdownNow();
	}

	private void receipt(SMPPServerSession session, Submitted segment, DeliveryReceiptState state) {
		Date now = Date.from(clock.instant());
		DeliveryReceipt receipt = new DeliveryReceipt(segment.messageId(), 1,
				state == DeliveryReceiptState.DELIVRD ? 1 : 0, now, now, state, "000", "");
		try {
			session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, segment.to(),
					TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, "",
					new ESMClass(MessageType.SMSC_DEL_RECEIPT.value()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
					new RawDataCoding((byte) 0),
					receipt.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			receipts.put(segment.messageId(), state.name());
		}
		catch (Exception ex) {
			// Haven was away or asked to try later: a carrier retries receipts, so does
			// this.
			if (running) {
				receipting
					.schedule(() -> receipt(session.getSessionState().isBound() ? session : bound().orElse(session),
							segment, state), 1, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * One {@code submit_sm} as the SMSC took it.
	 *
	 * @param text this segment's text, after its header
	 */
	public record Submitted(String messageId, String to, byte dataCoding, boolean udhi,
			Optional<SmsSegments.Concat> concat, String text, int octets, Instant at, long nanos) {
	}

	/**
	 * A text as a phone would show it.
	 *
	 * @param receipts each segment's receipt state (empty until sent)
	 */
	public record Text(String to, String body, String encoding, int segments, int expectedSegments,
			List<String> receipts, Instant at) {

		public boolean complete() {
			return segments == expectedSegments;
		}

	}

	private final class Receiver implements ServerMessageReceiverListener {

		@Override
		public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
				throws ProcessRequestException {
			int holding = inFlight.incrementAndGet();
			mostInFlight.accumulateAndGet(holding, Math::max);
			try {
				return submit(submitSm, source);
			}
			finally {
				inFlight.decrementAndGet();
			}
		}

		private SubmitSmResult submit(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
			byte[] octets = submitSm.getShortMessage();
			String text;
			try {
				text = SmsSegments.decode(submitSm.getDataCoding(), octets, submitSm.isUdhi());
			}
			catch (IllegalArgumentException ex) {
				throw new ProcessRequestException("bad short_message", SMPPConstant.STAT_ESME_RINVMSGLEN);
			}
			if (!fits(submitSm.getDataCoding(), octets, submitSm.isUdhi())) {
				throw new ProcessRequestException("short_message longer than one SMS",
						SMPPConstant.STAT_ESME_RINVMSGLEN);
			}
			String messageId = Long.toHexString(ids.incrementAndGet());
			Submitted segment = new Submitted(messageId, submitSm.getDestAddress(), submitSm.getDataCoding(),
					submitSm.isUdhi(), submitSm.isUdhi() ? SmsSegments.udh(octets) : Optional.empty(), text,
					octets.length, clock.instant(), System.nanoTime());
			submitted.add(segment);
			if (loseAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
				// Taken, but the link drops before the answer leaves: the ESME never
				// learns.
				sessions.remove(source);
				source.close();
				throw new ProcessRequestException("link dropped", SMPPConstant.STAT_ESME_RSYSERR);
			}
			if (!answerDelay.isZero()) {
				try {
					Thread.sleep(answerDelay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			DeliveryReceiptState state = receiptState;
			receipting.schedule(() -> receipt(source, segment, state), receiptDelay.toMillis(), TimeUnit.MILLISECONDS);
			try {
				return new SubmitSmResult(new MessageId(messageId), new org.jsmpp.bean.OptionalParameter[0]);
			}
			catch (PDUStringException ex) {
				throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR);
			}
		}

		@Override
		public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
				throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
				SMPPServerSession source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

		@Override
		public void onAcceptEnquireLink(org.jsmpp.bean.EnquireLink enquireLink, Session source) {
			enquireLinks.incrementAndGet();
		}

		@Override
		public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
			throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
		}

	}

	/**
	 * Whether a {@code short_message} fits one SMS on the air: 140 octets, where GSM's
	 * unpacked septets count 7 bits each and a header rounds up to whole septets.
	 */
	static boolean fits(byte dataCoding, byte[] octets, boolean udhi) {
		int header = udhi && octets.length > 0 ? (octets[0] & 0xFF) + 1 : 0;
		if (dataCoding == SmsSegments.DATA_CODING_GSM) {
			int headerSeptets = (header * 8 + 6) / 7;
			return headerSeptets + (octets.length - header) <= 160;
		}
		return octets.length <= 140;
	}

	/** Listens on loopback only, and learns the port when asked for any free one. */
	private static final class LoopbackServerConnections implements ServerConnectionFactory {

		private int port;

		@Override
		public ServerConnection listen(int port) throws IOException {
			return listen(port, 0, 50);
		}

		@Override
		public ServerConnection listen(int port, int timeout) throws IOException {
			return listen(port, timeout, 50);
		}

		@Override
		public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
			ServerSocket socket = new ServerSocket(port, backlog, InetAddress.getLoopbackAddress());
			socket.setSoTimeout(timeout);
			this.port = socket.getLocalPort();
			return new ServerSocketConnection(socket);
		}

	}

}

package org.haven.texting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.jsmpp.util.RandomMessageIDGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * What the SMSC sends Haven: delivery receipts ({@code deliver_sm} with the receipt flag,
 * or {@code data_sm} with {@code receipted_message_id} and {@code message_state}) and
 * texts from phones, long ones put back together from their segments. When Haven cannot
 * store what came (the database is away), it answers with a temporary error so that the
 * SMSC delivers it again: nothing the SMSC handed over is lost.
 */
final class SmscListener implements MessageReceiverListener {

	private static final Logger log = LoggerFactory.getLogger(SmscListener.class);

	/** Segments of a long inbound text wait this long for the rest. */
	private static final Duration REASSEMBLY = Duration.ofMinutes(10);

	private final TextOutbox outbox;

	private final InboundTexts inbound;

	private final Clock clock;

	private final RandomMessageIDGenerator ids = new RandomMessageIDGenerator();

	private final Map<String, Parts> partial = new ConcurrentHashMap<>();

	SmscListener(TextOutbox outbox, InboundTexts inbound, Clock clock) {
		this.outbox = outbox;
		this.inbound = inbound;
		this.clock = clock;
	}

	@Override
	public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
		try {
			if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
				receipt(deliverSm.getOptionalParameters(), deliverSm);
			}
			else {
				text(deliverSm.getSourceAddr(), deliverSm.getSourceAddrTon(), deliverSm.getDataCoding(),
						deliverSm.getShortMessage(), deliverSm.isUdhi());
			}
		}
		catch (DataAccessException ex) {
			log.warn("Could not store what the SMSC delivered ({}); it will deliver it again",
					ex.getClass().getSimpleName());
			throw new ProcessRequestException("try again later", SMPPConstant.STAT_ESME_RX_T_APPN);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Refused a deliver_sm Haven cannot read: {}", ex.getMessage());
			throw new ProcessRequestException("cannot read this message", SMPPConstant.STAT_ESME_RX_R_APPN);
		}
	}

	@Override
	public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
		try {
			if (MessageType.SMSC_DEL_RECEIPT.containedIn(dataSm.getEsmClass())) {
				receipt(dataSm.getOptionalParameters(), null);
			}
			else {
				OptionalParameter.Message_payload payload = dataSm
					.getOptionalParameter(OptionalParameter.Message_payload.class);
				if (payload == null) {
					throw new IllegalArgumentException("a data_sm without message_payload");
				}
				text(dataSm.getSourceAddr(), dataSm.getSourceAddrTon(), dataSm.getDataCoding(), payload.getValue(),
						dataSm.isUdhi());
			}
		}
		catch (DataAccessException ex) {
			throw new ProcessRequestException("try again later", SMPPConstant.STAT_ESME_RX_T_APPN);
		}
		catch (IllegalArgumentException ex) {
			log.warn("Refused a data_sm Haven cannot read: {}", ex.getMessage());
			throw new ProcessRequestException("cannot read this message", SMPPConstant.STAT_ESME_RX_R_APPN);
		}
		return new DataSmResult(ids.newMessageId(), new OptionalParameter[0]);
	}

	@Override
	public void onAcceptAlertNotification(AlertNotification alertNotification) {
		// Haven does not ask for alerts; nothing to do.
	}

	private void receipt(OptionalParameter[] parameters, DeliverSm deliverSm) {
		String id = null;
		TextStatus outcome = null;
		boolean stated = false;
		for (OptionalParameter parameter : parameters == null ? new OptionalParameter[0] : parameters) {
			if (parameter instanceof OptionalParameter.Receipted_message_id receipted) {
				id = receipted.getValueAsString();
			}
			else if (parameter instanceof OptionalParameter.Message_state state && state.getMessageState() != null) {
				stated = true;
				outcome = switch (state.getMessageState()) {
					case DELIVERED -> TextStatus.DELIVERED;
					case EXPIRED -> TextStatus.EXPIRED;
					case DELETED, UNDELIVERABLE -> TextStatus.UNDELIVERABLE;
					case REJECTED -> TextStatus.REJECTED;
					default -> null;
				};
			}
		}
		if ((id == null || !stated) && deliverSm != null) {
			try {
				DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
				id = id == null ? receipt.getId() : id;
				if (!stated) {
					outcome = switch (receipt.getFinalStatus()) {
						case DELIVRD -> TextStatus.DELIVERED;
						case EXPIRED -> TextStatus.EXPIRED;
						case DELETED, UNDELIV -> TextStatus.UNDELIVERABLE;
						case REJECTD -> TextStatus.REJECTED;
						default -> null;
					};
				}
			}
			catch (InvalidDeliveryReceiptException ex) {
				throw new IllegalArgumentException("a delivery receipt Haven cannot read");
			}
		}
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("a delivery receipt without a message id");
		}
		if (outcome != null) {
			outbox.receipt(id.trim(), outcome);
		}
	}

	private void text(String from, byte ton, byte dataCoding, byte[] shortMessage, boolean udhi) {
		if (shortMessage == null || shortMessage.length == 0) {
			throw new IllegalArgumentException("an empty text");
		}
		String part = SmsSegments.decode(dataCoding, shortMessage, udhi);
		Optional<SmsSegments.Concat> concat = udhi ? SmsSegments.udh(shortMessage) : Optional.empty();
		if (concat.isEmpty() || concat.get().total() == 1) {
			inbound.received(from, ton, part);
			return;
		}
		SmsSegments.Concat place = concat.get();
		String key = from + "/" + place.ref() + "/" + place.total();
		Instant now = clock.instant();
		partial.values().removeIf(parts -> parts.started.plus(REASSEMBLY).isBefore(now));
		Parts parts = partial.computeIfAbsent(key, k -> new Parts(now));
		String whole = null;
		synchronized (parts) {
			parts.texts.put(place.index(), part);
			if (parts.texts.size() == place.total()) {
				whole = String.join("", parts.texts.values());
				partial.remove(key);
			}
		}
		if (whole != null) {
			inbound.received(from, ton, whole);
		}
	}

	private static final class Parts {

		private final Instant started;

		private final TreeMap<Integer, String> texts = new TreeMap<>();

		Parts(Instant started) {
			this.started = started;
		}

	}

}

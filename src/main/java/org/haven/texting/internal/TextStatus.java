package org.haven.texting.internal;

/**
 * Where a text stands. QUEUED until every segment is accepted by the SMSC, SUBMITTED
 * until its receipts come; UNCONFIRMED when the SMSC may have taken a segment but its
 * answer never came (Haven does not send such a text again: see docs/texting.md); FAILED
 * when Haven gave up before the SMSC took it.
 */
public enum TextStatus {

	QUEUED, SUBMITTED, DELIVERED, UNDELIVERABLE, EXPIRED, REJECTED, UNCONFIRMED, FAILED;

	public boolean done() {
		return this != QUEUED && this != SUBMITTED;
	}

}

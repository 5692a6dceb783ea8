package org.haven.texting.internal;

import java.time.Instant;

/**
 * Where the SMPP link stands, said so that an operator knows what to fix.
 *
 * @param since when it bound (BOUND only)
 */
public record LinkState(Phase phase, String detail, Instant since) {

	static LinkState starting() {
		return new LinkState(Phase.STARTING, "binding", null);
	}

	public enum Phase {

		STARTING, BOUND, RECONNECTING, BIND_REFUSED, UNREACHABLE, STOPPED

	}

}

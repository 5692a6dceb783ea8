package org.haven.scheduling.internal;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * The practice's terms a client reads before booking: when a cancellation counts as late,
 * and what to say when a therapist lists no fee. Both come from configuration.
 */
@Component
public class PracticeTerms {

	private final SchedulingProperties properties;

	PracticeTerms(SchedulingProperties properties) {
		this.properties = properties;
	}

	/** Cancelling less than this before the start is flagged as late. */
	public Duration lateCancellation() {
		return properties.lateCancellation();
	}

	/** Said instead of a fee when the therapist's profile lists none. */
	public String feeNotListed() {
		return properties.feeNotListed();
	}

}

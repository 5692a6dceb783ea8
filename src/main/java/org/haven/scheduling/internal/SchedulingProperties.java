package org.haven.scheduling.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lateCancellation cancelling less than this before the start is flagged as late
 * (the practice's terms)
 * @param feeNotListed what the booking pages say about the fee when the therapist's
 * profile lists none: a general statement of the practice, never a made-up amount
 */
@ConfigurationProperties("haven.scheduling")
record SchedulingProperties(@DefaultValue("24h") Duration lateCancellation,
		@DefaultValue("This therapist has not listed a fee. Ask them about fees before your first session.") String feeNotListed) {
}

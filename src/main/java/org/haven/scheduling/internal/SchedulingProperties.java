package org.haven.scheduling.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lateCancellation cancelling less than this before the start is flagged as late
 * (the practice's terms)
 */
@ConfigurationProperties("haven.scheduling")
record SchedulingProperties(@DefaultValue("24h") Duration lateCancellation) {
}

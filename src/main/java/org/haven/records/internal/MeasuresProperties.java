package org.haven.records.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param openBefore how long before a session a measure assigned "before every session"
 * (or every other one) is due for the client to fill in
 */
@ConfigurationProperties("haven.records.measures")
record MeasuresProperties(@DefaultValue("3d") Duration openBefore) {
}

package org.haven.records.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param breakGlassDuration how long an admin's emergency ("break-glass") access to one
 * client's record lasts after it was granted
 */
@ConfigurationProperties("haven.records")
record RecordsProperties(@DefaultValue("1h") Duration breakGlassDuration) {
}

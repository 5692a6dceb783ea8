package org.haven.notifications.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reminders how long before a session its parties are reminded, e.g. 24h and 1h
 * @param pollInterval how often due reminders are looked for
 */
@ConfigurationProperties("haven.notifications")
public record NotificationProperties(@DefaultValue({ "24h", "1h" }) List<Duration> reminders, @DefaultValue("30s") Duration pollInterval) {
}

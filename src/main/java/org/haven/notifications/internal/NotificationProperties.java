package org.haven.notifications.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reminders how long before a session its parties are reminded, e.g. 24h and 1h
 * @param pollInterval how often due reminders and unread checks are looked for
 * @param unreadDelay how long a chat message or letter stays unread before its recipient
 * is told by email
 */
@ConfigurationProperties("haven.notifications")
public record NotificationProperties(@DefaultValue( {
		"24h", "1h" }) List<Duration> reminders, @DefaultValue("30s") Duration pollInterval,
		@DefaultValue("10m") Duration unreadDelay){

	public NotificationProperties {
		if (unreadDelay.isNegative() || unreadDelay.isZero()) {
			throw new IllegalArgumentException("haven.notifications.unread-delay must be positive, e.g. 10m");
		}
	}
}

package org.haven.shared.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param from the sender of every mail Haven sends
 * @param pollInterval how often the outbox looks for mail that is due (new mail is also
 * sent at once)
 * @param giveUpAfter how long an undeliverable mail is retried before it is dropped
 */
@ConfigurationProperties("haven.mail")
public record MailProperties(String from, @DefaultValue("10s") Duration pollInterval,
		@DefaultValue("3d") Duration giveUpAfter) {
}

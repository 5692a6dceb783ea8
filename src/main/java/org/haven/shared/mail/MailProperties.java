package org.haven.shared.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param from the sender of every mail Haven sends */
@ConfigurationProperties("haven.mail")
public record MailProperties(String from) {
}

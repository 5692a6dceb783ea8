package org.haven.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where people reach Haven, for everything that must name it from outside a request.
 *
 * @param baseUrl Haven's public address, e.g. https://care.example.org: the start of
 * every link in mail and calendars, the host of mail Message-IDs and calendar UIDs, and
 * the only origin allowed to open the WebSocket
 */
@ConfigurationProperties("haven")
public record PublicAddressProperties(String baseUrl) {
}

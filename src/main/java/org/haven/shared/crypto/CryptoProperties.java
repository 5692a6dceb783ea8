package org.haven.shared.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for encryption at rest.
 *
 * @param keys comma-separated {@code id=base64(32 bytes)} pairs; empty means "use the key
 * file"
 * @param activeKey the id of the key that encrypts; defaults to the first listed key
 * @param keyFile where the embedded default keeps its generated keys
 */
@ConfigurationProperties("haven.crypto")
public record CryptoProperties(String keys, String activeKey, String keyFile) {
}

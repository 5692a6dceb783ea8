package org.haven.shared.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the key ring from configuration. Without configured keys (the embedded default)
 * a key file is created on first start and read on every later one, so data encrypted
 * yesterday still decrypts today.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

	@Bean
	FieldEncryption fieldEncryption(CryptoProperties properties) throws IOException {
		String keys = properties.keys();
		if (keys == null || keys.isBlank()) {
			keys = keyFile(Path.of(properties.keyFile()));
		}
		return new FieldEncryption(KeyRing.parse(keys, properties.activeKey()));
	}

	private static String keyFile(Path file) throws IOException {
		Properties props = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				props.load(reader);
			}
		}
		else {
			byte[] raw = new byte[32];
			new SecureRandom().nextBytes(raw);
			props.setProperty("keys", "k1=" + Base64.getEncoder().encodeToString(raw));
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				props.store(writer, "Haven encryption keys (embedded default). Keep this file secret and backed up.");
			}
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// Not a POSIX file system; the file keeps the default permissions.
			}
			log.info("Created a new encryption key file at {}", file.toAbsolutePath());
		}
		String keys = props.getProperty("keys");
		if (keys == null || keys.isBlank()) {
			throw new IllegalStateException("The key file " + file + " has no 'keys' entry");
		}
		return keys;
	}

}

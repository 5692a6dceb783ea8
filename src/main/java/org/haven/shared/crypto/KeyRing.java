package org.haven.shared.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The AES-256 keys Haven knows, by id, and which one encrypts new data. */
final class KeyRing {

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private final Map<String, SecretKey> keys;

	private final String activeId;

	KeyRing(Map<String, SecretKey> keys, String activeId) {
		if (keys.isEmpty()) {
			throw new IllegalStateException("No encryption key configured (haven.crypto.keys)");
		}
		if (!keys.containsKey(activeId)) {
			throw new IllegalStateException(
					"The active encryption key '" + activeId + "' is not among the configured keys");
		}
		this.keys = Map.copyOf(keys);
		this.activeId = activeId;
	}

	/**
	 * Parses {@code id=base64,id2=base64}; the active key defaults to the first one
	 * listed.
	 */
	static KeyRing parse(String spec, String activeId) {
		Map<String, SecretKey> keys = new LinkedHashMap<>();
		for (String part : spec.split(",")) {
			String entry = part.trim();
			if (entry.isEmpty()) {
				continue;
			}
			int eq = entry.indexOf('=');
			if (eq <= 0) {
				throw new IllegalStateException("Encryption keys must look like id=base64key");
			}
			String id = entry.substring(0, eq).trim();
			if (!KEY_ID.matcher(id).matches()) {
				throw new IllegalStateException("Encryption key ids use letters, digits, '-' and '_' (at most 32)");
			}
			byte[] raw;
			try {
				raw = Base64.getDecoder().decode(entry.substring(eq + 1).trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("Encryption key '" + id + "' is not valid base64");
			}
			if (raw.length != 32) {
				throw new IllegalStateException(
						"Encryption key '" + id + "' must be 32 bytes (AES-256), not " + raw.length);
			}
			if (keys.put(id, new SecretKeySpec(raw, "AES")) != null) {
				throw new IllegalStateException("Encryption key '" + id + "' is listed twice");
			}
		}
		String active = (activeId == null || activeId.isBlank()) ? keys.keySet().stream().findFirst().orElse("")
				: activeId.trim();
		return new KeyRing(keys, active);
	}

	String activeId() {
		return activeId;
	}

	SecretKey active() {
		return keys.get(activeId);
	}

	SecretKey byId(String id) {
		SecretKey key = keys.get(id);
		if (key == null) {
			throw new DecryptionException("Unknown encryption key id");
		}
		return key;
	}

}

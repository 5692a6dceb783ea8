package org.haven.shared.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM encryption at rest for text and files. Every value gets a fresh random
 * 96-bit nonce and carries the id of the key that sealed it, so a new key can encrypt
 * while older keys still decrypt. The header (format version and key id) is authenticated
 * as associated data: changing it is detected.
 *
 * <p>
 * Text form: {@code v1.<keyId>.<base64url(nonce || ciphertext || tag)>}. Binary form:
 * {@code 'H' 'V' 1 <keyIdLength> <keyId> <nonce> <ciphertext || tag>}.
 */
public class FieldEncryption {

	private static final String TEXT_VERSION = "v1";

	private static final byte[] MAGIC = { 'H', 'V', 1 };

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final KeyRing keys;

	private final SecureRandom random = new SecureRandom();

	FieldEncryption(KeyRing keys) {
		this.keys = keys;
	}

	/** Id of the key that encrypts new values. */
	public String activeKeyId() {
		return keys.activeId();
	}

	public String encrypt(String plaintext) {
		if (plaintext == null) {
			return null;
		}
		String keyId = keys.activeId();
		byte[] nonce = nonce();
		byte[] sealed = seal(keys.active(), nonce, plaintext.getBytes(StandardCharsets.UTF_8), textHeader(keyId));
		byte[] body = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
		return TEXT_VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
	}

	public String decrypt(String ciphertext) {
		if (ciphertext == null) {
			return null;
		}
		String[] parts = ciphertext.split("\\.", -1);
		if (parts.length != 3 || !TEXT_VERSION.equals(parts[0])) {
			throw new DecryptionException("Not a Haven ciphertext");
		}
		byte[] body;
		try {
			body = Base64.getUrlDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			throw new DecryptionException("Ciphertext is not valid base64", ex);
		}
		if (body.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new DecryptionException("Ciphertext is too short");
		}
		byte[] plain = open(keys.byId(parts[1]), body, 0, textHeader(parts[1]));
		return new String(plain, StandardCharsets.UTF_8);
	}

	public byte[] encrypt(byte[] plaintext) {
		String keyId = keys.activeId();
		byte[] header = binaryHeader(keyId);
		byte[] nonce = nonce();
		byte[] sealed = seal(keys.active(), nonce, plaintext, header);
		return ByteBuffer.allocate(header.length + nonce.length + sealed.length)
			.put(header)
			.put(nonce)
			.put(sealed)
			.array();
	}

	public byte[] decrypt(byte[] ciphertext) {
		if (ciphertext.length < MAGIC.length + 1 || ciphertext[0] != MAGIC[0] || ciphertext[1] != MAGIC[1]
				|| ciphertext[2] != MAGIC[2]) {
			throw new DecryptionException("Not a Haven ciphertext");
		}
		int idLength = ciphertext[3] & 0xff;
		int headerLength = MAGIC.length + 1 + idLength;
		if (idLength == 0 || ciphertext.length < headerLength + NONCE_BYTES + TAG_BITS / 8) {
			throw new DecryptionException("Ciphertext is too short");
		}
		String keyId = new String(ciphertext, 4, idLength, StandardCharsets.US_ASCII);
		byte[] header = new byte[headerLength];
		System.arraycopy(ciphertext, 0, header, 0, headerLength);
		return open(keys.byId(keyId), ciphertext, headerLength, header);
	}

	private byte[] nonce() {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		return nonce;
	}

	private static byte[] textHeader(String keyId) {
		return (TEXT_VERSION + "." + keyId).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] binaryHeader(String keyId) {
		byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(MAGIC.length + 1 + id.length).put(MAGIC).put((byte) id.length).put(id).array();
	}

	/**
	 * One cipher object per thread: looking the transformation up among the providers
	 * cost more than encrypting a chat message. Every use initializes it afresh (key,
	 * nonce), which also clears any state a failed use left behind.
	 */
	private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	});

	private static byte[] seal(SecretKey key, byte[] nonce, byte[] plaintext, byte[] aad) {
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad);
			return cipher.doFinal(plaintext);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	private static byte[] open(SecretKey key, byte[] data, int offset, byte[] aad) {
		try {
			Cipher cipher = CIPHERS.get();
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, data, offset, NONCE_BYTES));
			cipher.updateAAD(aad);
			return cipher.doFinal(data, offset + NONCE_BYTES, data.length - offset - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new DecryptionException("Ciphertext was tampered with or sealed with another key", ex);
		}
	}

}

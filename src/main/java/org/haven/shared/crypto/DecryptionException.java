package org.haven.shared.crypto;

/**
 * Ciphertext that cannot be decrypted: tampered with, truncated, or sealed with an
 * unknown key.
 */
public class DecryptionException extends RuntimeException {

	public DecryptionException(String message) {
		super(message);
	}

	public DecryptionException(String message, Throwable cause) {
		super(message, cause);
	}

}

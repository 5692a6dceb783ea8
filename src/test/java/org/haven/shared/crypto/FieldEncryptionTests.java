package org.haven.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldEncryptionTests {

	static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
	static final String KEY_2 = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

	final FieldEncryption encryption = new FieldEncryption(KeyRing.parse("k1=" + KEY_1, null));

	@Test
	void textRoundTripsAndIsNotStoredInClear() {
		String secret = "I have not slept properly since March. Ünïcödé 🙂";
		String sealed = encryption.encrypt(secret);
		assertThat(sealed).startsWith("v1.k1.").doesNotContain("slept").doesNotContain("March");
		assertThat(encryption.decrypt(sealed)).isEqualTo(secret);
	}

	@Test
	void everyEncryptionUsesAFreshNonce() {
		assertThat(encryption.encrypt("same")).isNotEqualTo(encryption.encrypt("same"));
	}

	@Test
	void filesRoundTripAndAreNotStoredInClear() {
		byte[] file = "%PDF-1.7 a letter to my therapist".getBytes(StandardCharsets.UTF_8);
		byte[] sealed = encryption.encrypt(file);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("letter");
		assertThat(sealed.length).isEqualTo(3 + 1 + 2 + 12 + file.length + 16);
		assertThat(encryption.decrypt(sealed)).isEqualTo(file);
	}

	@Test
	void rotationEncryptsWithTheNewKeyAndStillDecryptsWithTheOld() {
		String old = encryption.encrypt("written before rotation");
		byte[] oldFile = encryption.encrypt(new byte[] { 1, 2, 3 });
		FieldEncryption rotated = new FieldEncryption(KeyRing.parse("k2=" + KEY_2 + ",k1=" + KEY_1, "k2"));

		assertThat(rotated.activeKeyId()).isEqualTo("k2");
		assertThat(rotated.encrypt("new")).startsWith("v1.k2.");
		assertThat(rotated.decrypt(old)).isEqualTo("written before rotation");
		assertThat(rotated.decrypt(oldFile)).containsExactly(1, 2, 3);
	}

	@Test
	void aTamperedTextCiphertextIsRefused() {
		String sealed = encryption.encrypt("do not change me");
		char[] chars = sealed.toCharArray();
		int last = chars.length - 5;
		chars[last] = chars[last] == 'A' ? 'B' : 'A';
		assertThatThrownBy(() -> encryption.decrypt(new String(chars))).isInstanceOf(DecryptionException.class);
		// The thread's cipher, reused, is not left broken by the refusal.
		assertThat(encryption.decrypt(sealed)).isEqualTo("do not change me");
		assertThat(encryption.decrypt(encryption.encrypt("and after"))).isEqualTo("and after");
	}

	@Test
	void aTamperedFileIsRefused() {
		byte[] sealed = encryption.encrypt("do not change me".getBytes(StandardCharsets.UTF_8));
		sealed[sealed.length - 20] ^= 0x01;
		assertThatThrownBy(() -> encryption.decrypt(sealed)).isInstanceOf(DecryptionException.class);
	}

	@Test
	void swappingTheKeyIdInTheHeaderIsDetected() {
		FieldEncryption both = new FieldEncryption(KeyRing.parse("k1=" + KEY_1 + ",k2=" + KEY_2, "k1"));
		String sealed = both.encrypt("bound to k1");
		assertThatThrownBy(() -> both.decrypt(sealed.replace("v1.k1.", "v1.k2.")))
			.isInstanceOf(DecryptionException.class);
	}

	@Test
	void unknownKeysAndGarbageAreRefused() {
		FieldEncryption other = new FieldEncryption(KeyRing.parse("k9=" + KEY_2, null));
		assertThatThrownBy(() -> other.decrypt(encryption.encrypt("x"))).isInstanceOf(DecryptionException.class);
		assertThatThrownBy(() -> encryption.decrypt("plain text")).isInstanceOf(DecryptionException.class);
		assertThatThrownBy(() -> encryption.decrypt("v1.k1.!!!")).isInstanceOf(DecryptionException.class);
		assertThatThrownBy(() -> encryption.decrypt(new byte[] { 'H', 'V', 1 }))
			.isInstanceOf(DecryptionException.class);
	}

	@Test
	void badKeyConfigurationStopsStartUpWithAClearMessage() {
		assertThatThrownBy(() -> KeyRing.parse("k1=" + Base64.getEncoder().encodeToString(new byte[16]), null))
			.hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> KeyRing.parse("k1=not base64!", null)).hasMessageContaining("base64");
		assertThatThrownBy(() -> KeyRing.parse("k1=" + KEY_1, "k2")).hasMessageContaining("not among");
		assertThatThrownBy(() -> KeyRing.parse("", null)).hasMessageContaining("No encryption key");
		assertThatThrownBy(() -> KeyRing.parse("k1=" + KEY_1 + ",k1=" + KEY_2, null)).hasMessageContaining("twice");
	}

	@Test
	void theEmbeddedDefaultCreatesAKeyFileOnceAndReusesIt(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("data/keys.properties");
		CryptoProperties properties = new CryptoProperties("", null, file.toString());
		FieldEncryption first = new CryptoConfiguration().fieldEncryption(properties);
		String sealed = first.encrypt("survives a restart");
		assertThat(file).exists();
		String content = Files.readString(file);

		FieldEncryption second = new CryptoConfiguration().fieldEncryption(properties);
		assertThat(Files.readString(file)).isEqualTo(content);
		assertThat(second.decrypt(sealed)).isEqualTo("survives a restart");
	}

}

package org.haven.visits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * TURN credentials exactly as coturn's use-auth-secret checks them, and STUN entries
 * without any.
 */
class ConfiguredIceServersTests {

	static final String SECRET = "correct-horse-battery-staple";
	static final UUID ACCOUNT = UUID.fromString("3f1c2a9e-8b7d-4c6e-9a5f-0d2b4e6f8a1c");
	static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");
	static final List<String> STUN = List.of("stun:stun.example.org:3478");
	static final List<String> TURN = List.of("turn:turn.example.org:3478?transport=udp",
			"turns:turn.example.org:443?transport=tcp");

	@Test
	void aKnownCredentialComputedOutsideJava() {
		// openssl: printf '1767229200:3f1c2a9e-...' | openssl dgst -sha1 -hmac
		// correct-horse-battery-staple -binary | base64
		IceServer turn = turnEntry(provider(Duration.ofHours(1), NEW_YEAR).iceServersFor(ACCOUNT));

		assertThat(turn.username()).isEqualTo("1767229200:3f1c2a9e-8b7d-4c6e-9a5f-0d2b4e6f8a1c");
		assertThat(turn.credential()).isEqualTo("g6kkOeqYRyMOaP4gHekOjCJGMCE=");
	}

	@Test
	void theUsernameIsTheExpiryFromTheClockAndTheAccountAndThePasswordItsHmac() throws Exception {
		Instant now = Instant.parse("2031-06-15T09:41:27.123456Z");
		IceServer turn = turnEntry(provider(Duration.ofMinutes(30), now).iceServersFor(ACCOUNT));

		long expiry = now.plus(Duration.ofMinutes(30)).getEpochSecond();
		assertThat(turn.username()).isEqualTo(expiry + ":" + ACCOUNT);
		assertThat(turn.credential()).isEqualTo(hmacSha1Base64(SECRET, turn.username()));
		assertThat(turn.urls()).containsExactlyElementsOf(TURN);
	}

	@Test
	void aLaterClockGivesALaterExpiryAndAnotherPassword() {
		IceServer first = turnEntry(provider(Duration.ofHours(1), NEW_YEAR).iceServersFor(ACCOUNT));
		IceServer later = turnEntry(provider(Duration.ofHours(1), NEW_YEAR.plusSeconds(90)).iceServersFor(ACCOUNT));

		assertThat(expiry(later) - expiry(first)).isEqualTo(90);
		assertThat(later.credential()).isNotEqualTo(first.credential());
	}

	@Test
	void eachAccountGetsItsOwnUsername() {
		UUID other = UUID.fromString("00000000-0000-4000-8000-000000000001");
		ConfiguredIceServers provider = provider(Duration.ofHours(1), NEW_YEAR);

		assertThat(turnEntry(provider.iceServersFor(other)).username()).isEqualTo("1767229200:" + other);
		assertThat(turnEntry(provider.iceServersFor(other)).credential())
			.isNotEqualTo(turnEntry(provider.iceServersFor(ACCOUNT)).credential());
	}

	@Test
	void stunComesFirstAndWithoutCredentials() {
		List<IceServer> servers = provider(Duration.ofHours(1), NEW_YEAR).iceServersFor(ACCOUNT);

		assertThat(servers).hasSize(2);
		assertThat(servers.get(0)).isEqualTo(new IceServer(STUN, null, null));
		assertThat(servers.get(1).username()).isNotNull();
	}

	@Test
	void theLifetimeIsTheConfiguredTtl() {
		assertThat(provider(Duration.ofMinutes(45), NEW_YEAR).credentialLifetime()).isEqualTo(Duration.ofMinutes(45));
	}

	@Test
	void withNothingConfiguredThereAreNoServers() {
		VisitsProperties none = new VisitsProperties(List.of(), List.of(), "", Duration.ofHours(1));

		assertThat(new ConfiguredIceServers(none, Clock.fixed(NEW_YEAR, ZoneOffset.UTC)).iceServersFor(ACCOUNT))
			.isEmpty();
	}

	@Test
	void stunAloneNeedsNoSecret() {
		VisitsProperties stunOnly = new VisitsProperties(STUN, List.of(), "", Duration.ofHours(1));

		assertThat(new ConfiguredIceServers(stunOnly, Clock.fixed(NEW_YEAR, ZoneOffset.UTC)).iceServersFor(ACCOUNT))
			.containsExactly(new IceServer(STUN, null, null));
	}

	static ConfiguredIceServers provider(Duration ttl, Instant now) {
		return new ConfiguredIceServers(new VisitsProperties(STUN, TURN, SECRET, ttl),
				Clock.fixed(now, ZoneOffset.UTC));
	}

	static IceServer turnEntry(List<IceServer> servers) {
		return servers.stream().filter(server -> server.username() != null).findFirst().orElseThrow();
	}

	static long expiry(IceServer turn) {
		return Long.parseLong(turn.username().substring(0, turn.username().indexOf(':')));
	}

	/**
	 * The TURN REST password, computed here on its own rather than through the code under
	 * test.
	 */
	static String hmacSha1Base64(String secret, String username) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
	}

}

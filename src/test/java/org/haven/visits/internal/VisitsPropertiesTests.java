package org.haven.visits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What haven.visits accepts, and the message that stops Haven at start-up when it does
 * not.
 */
class VisitsPropertiesTests {

	static final String SECRET = "0123456789abcdef";
	static final Duration HOUR = Duration.ofHours(1);

	@ParameterizedTest
	@ValueSource(strings = { "stun:stun.example.org", "stun:stun.example.org:3478", "stuns:stun.example.org:5349",
			"stun:203.0.113.7:3478", "stun:[2001:db8::1]:3478", "stun:[::1]", "stun:localhost" })
	void acceptsStunUrls(String url) {
		assertThat(stun(url).stunUrls()).containsExactly(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "turn:turn.example.org", "turn:turn.example.org:3478?transport=udp",
			"turn:turn.example.org:3478?transport=tcp", "turns:turn.example.org:443?transport=tcp",
			"turns:turn.example.org", "turn:198.51.100.4:3478", "turn:[2001:db8::4]:3478?transport=udp",
			"turn:turn-1.eu.example.org:65535" })
	void acceptsTurnUrls(String url) {
		assertThat(turn(url).turnUrls()).containsExactly(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "stun.example.org", "stun://stun.example.org", "turn:turn.example.org",
			"http://stun.example.org", "stun:", "stun:stun.example.org:", "stun:stun.example.org:0",
			"stun:stun.example.org:65536", "stun:stun.example.org:port", "stun:stun.example.org?transport=udp",
			"stun:user@stun.example.org", "stun:-stun.example.org", "stun:stun..example.org", "stun:[2001:db8::zz]",
			"stun:[1.2.3.4]", "stun:2001:db8::1", "stun:stun.example.org/path", "STUN:stun.example.org",
			"stun: stun.example.org" })
	void refusesWhatIsNotAStunUrl(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> stun(url))
			.withMessageContaining("haven.visits.stun-urls")
			.withMessageContaining("\"" + url + "\"")
			.withMessageContaining("stun:host[:port]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "turn.example.org:3478", "turn://turn.example.org", "stun:turn.example.org",
			"turn:turn.example.org:3478?transport=sctp", "turn:turn.example.org?transport=",
			"turn:turn.example.org:3478?foo=bar", "turn:turn.example.org:99999",
			"turns:turn.example.org:443?transport=tcp&x=y", "turn:user:pass@turn.example.org",
			"turn:[fe80::1%eth0]:3478" })
	void refusesWhatIsNotATurnUrl(String url) {
		assertThatIllegalArgumentException().isThrownBy(() -> turn(url))
			.withMessageContaining("haven.visits.turn-urls")
			.withMessageContaining("\"" + url + "\"")
			.withMessageContaining("turn:host[:port][?transport=udp|tcp]");
	}

	@Test
	void emptyEntriesFromAnUnsetVariableOrATrailingCommaAreDropped() {
		VisitsProperties properties = new VisitsProperties(List.of("", " stun:a.example.org "), List.of(" "), "", HOUR);

		assertThat(properties.stunUrls()).containsExactly("stun:a.example.org");
		assertThat(properties.turnUrls()).isEmpty();
	}

	@Test
	void turnUrlsNeedASecret() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VisitsProperties(List.of(), List.of("turn:turn.example.org"), " ", HOUR))
			.withMessageContaining("haven.visits.turn-secret is empty")
			.withMessageContaining("HAVEN_VISITS_TURN_SECRET");
	}

	@Test
	void aSecretHasAtLeastSixteenCharacters() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new VisitsProperties(List.of(), List.of("turn:turn.example.org"), SECRET.substring(1), HOUR))
			.withMessageContaining("haven.visits.turn-secret is shorter than 16 characters");

		assertThat(new VisitsProperties(List.of(), List.of("turn:turn.example.org"), SECRET, HOUR).turnSecret())
			.isEqualTo(SECRET);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT5M", "PT1H", "PT24H" })
	void aTtlFromFiveMinutesToADayIsAccepted(Duration ttl) {
		assertThat(new VisitsProperties(List.of(), List.of(), "", ttl).turnCredentialTtl()).isEqualTo(ttl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PT4M59S", "PT24H0.001S", "PT0S", "PT-1H", "P2D" })
	void aTtlOutsideFiveMinutesToADayIsRefused(Duration ttl) {
		assertThatIllegalArgumentException().isThrownBy(() -> new VisitsProperties(List.of(), List.of(), "", ttl))
			.withMessageContaining("haven.visits.turn-credential-ttl")
			.withMessageContaining("between 5m and 24h");
	}

	private static VisitsProperties stun(String url) {
		return new VisitsProperties(List.of(url), List.of(), "", HOUR);
	}

	private static VisitsProperties turn(String url) {
		return new VisitsProperties(List.of(), List.of(url), SECRET, HOUR);
	}

}

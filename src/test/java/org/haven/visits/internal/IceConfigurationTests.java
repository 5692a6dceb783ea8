package org.haven.visits.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Settings as Spring binds them from the environment: comma-separated lists, defaults,
 * and refusal to start.
 */
class IceConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(IceConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void withNothingSetThereAreNoServersAndAnHourOfLifetime() {
		runner.run(context -> {
			IceServerProvider provider = context.getBean(IceServerProvider.class);
			assertThat(provider.iceServersFor(UUID.randomUUID())).isEmpty();
			assertThat(provider.credentialLifetime()).hasHours(1);
		});
	}

	@Test
	void commaSeparatedVariablesBecomeLists() {
		runner.withPropertyValues("haven.visits.stun-urls=stun:a.example.org,stuns:b.example.org:5349",
				"haven.visits.turn-urls=turn:t.example.org:3478?transport=udp,turns:t.example.org:443?transport=tcp",
				"haven.visits.turn-secret=0123456789abcdef0123", "haven.visits.turn-credential-ttl=10m")
			.run(context -> {
				VisitsProperties properties = context.getBean(VisitsProperties.class);
				assertThat(properties.stunUrls()).containsExactly("stun:a.example.org", "stuns:b.example.org:5349");
				assertThat(properties.turnUrls()).containsExactly("turn:t.example.org:3478?transport=udp",
						"turns:t.example.org:443?transport=tcp");
				assertThat(properties.turnCredentialTtl()).hasMinutes(10);
			});
	}

	@Test
	void aMalformedUrlStopsTheStartWithTheReason() {
		runner
			.withPropertyValues("haven.visits.turn-urls=turn://t.example.org",
					"haven.visits.turn-secret=0123456789abcdef")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("haven.visits.turn-urls has \"turn://t.example.org\", which is not a TURN URL"));
	}

	@Test
	void turnWithoutASecretStopsTheStart() {
		runner.withPropertyValues("haven.visits.turn-urls=turn:t.example.org")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("haven.visits.turn-secret is empty"));
	}

}

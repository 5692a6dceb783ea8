package org.haven.texting.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The SMPP link on /actuator/health ("texting"): UP while bound, DOWN with the reason (a
 * refused password, an unreachable host) otherwise, and UP with "off" when no SMSC is
 * configured. Texts wait in the outbox meanwhile; the count is shown.
 */
@Component("textingHealthIndicator")
class TextingHealth implements HealthIndicator {

	private final Texting texting;

	private final TextOutbox outbox;

	TextingHealth(Texting texting, TextOutbox outbox) {
		this.texting = texting;
		this.outbox = outbox;
	}

	@Override
	public Health health() {
		LinkState state = texting.state().orElse(null);
		if (state == null) {
			return Health.up().withDetail("link", "off: no SMSC configured").build();
		}
		Health.Builder builder = state.phase() == LinkState.Phase.BOUND ? Health.up() : Health.down();
		builder.withDetail("link", state.phase().name()).withDetail("detail", state.detail());
		try {
			builder.withDetail("waiting", outbox.waiting());
		}
		catch (RuntimeException ex) {
			builder.withDetail("waiting", "unknown");
		}
		return builder.build();
	}

}

package org.haven.shared.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoModeTests {

	static final String H2 = "jdbc:h2:file:./data/haven;MODE=PostgreSQL";
	static final String POSTGRES = "jdbc:postgresql://db.internal:5432/haven";

	@Test
	void autoIsOnForTheEmbeddedDatabaseOnly() {
		assertThat(DemoMode.decide(new DemoProperties("auto", false, 3025), H2).enabled()).isTrue();
		assertThat(DemoMode.decide(new DemoProperties("auto", false, 3025), POSTGRES).enabled()).isFalse();
	}

	@Test
	void demoModeOnPostgreSqlMustBeAskedForTwice() {
		assertThatThrownBy(() -> DemoMode.decide(new DemoProperties("on", false, 3025), POSTGRES))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("HAVEN_DEMO_ALLOW_POSTGRES");
		assertThat(DemoMode.decide(new DemoProperties("on", true, 3025), POSTGRES).enabled()).isTrue();
	}

	@Test
	void offMeansOffAndNonsenseIsRefused() {
		assertThat(DemoMode.decide(new DemoProperties("off", false, 3025), H2).enabled()).isFalse();
		assertThatThrownBy(() -> DemoMode.decide(new DemoProperties("maybe", false, 3025), H2))
			.hasMessageContaining("auto, on or off");
	}

	@Test
	void devPagesAnswerLoopbackCallersOnly() {
		assertThat(DevMailController.isLoopback("127.0.0.1")).isTrue();
		assertThat(DevMailController.isLoopback("::1")).isTrue();
		assertThat(DevMailController.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(DevMailController.isLoopback("192.168.1.20")).isFalse();
		assertThat(DevMailController.isLoopback("10.0.0.1")).isFalse();
		assertThat(DevMailController.isLoopback(null)).isFalse();
	}
}

package org.haven.shared.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoModeTests {

	/** No datasource URL: Haven's own PostgreSQL under ./data. */
	static final String EMBEDDED = "";
	static final String POSTGRES = "jdbc:postgresql://db.internal:5432/haven";

	@Test
	void autoIsOnForTheEmbeddedDatabaseOnly() {
		assertThat(DemoMode.decide(new DemoProperties("auto", false, 3025), EMBEDDED).enabled()).isTrue();
		assertThat(DemoMode.decide(new DemoProperties("auto", false, 3025), null).enabled()).isTrue();
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
		assertThat(DemoMode.decide(new DemoProperties("off", false, 3025), EMBEDDED).enabled()).isFalse();
		assertThatThrownBy(() -> DemoMode.decide(new DemoProperties("maybe", false, 3025), EMBEDDED))
			.hasMessageContaining("auto, on or off");
	}

	@Test
	void devPagesAnswerLoopbackCallersOnly() {
		assertThat(DemoMode.isLoopback("127.0.0.1")).isTrue();
		assertThat(DemoMode.isLoopback("::1")).isTrue();
		assertThat(DemoMode.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(DemoMode.isLoopback("192.168.1.20")).isFalse();
		assertThat(DemoMode.isLoopback("10.0.0.1")).isFalse();
		assertThat(DemoMode.isLoopback(null)).isFalse();
	}

}

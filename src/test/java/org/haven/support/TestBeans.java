package org.haven.support;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The test doubles every integration test shares: a clock the tests move and a password encoder that
 * counts its calls. A top-level class, imported by {@link IntegrationTest}, so that Spring's detection of
 * nested default configuration never adds it a second way.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

	@Bean
	@Primary
	CountingPasswordEncoder countingPasswordEncoder(@Qualifier("passwordEncoder") PasswordEncoder passwordEncoder) {
		return new CountingPasswordEncoder(passwordEncoder);
	}
}

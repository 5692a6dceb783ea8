package org.haven.support;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The test doubles every integration test shares: a clock the tests move, a password
 * encoder that counts its calls, and a copy of each page a browser test loads, for the
 * markup check. A top-level class, imported by {@link IntegrationTest}, so that Spring's
 * detection of nested default configuration never adds it a second way.
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

	/** Outermost, so that it sees the page as it leaves Haven, error pages included. */
	@Bean
	FilterRegistrationBean<ServedDocuments> servedDocuments() {
		FilterRegistrationBean<ServedDocuments> registration = new FilterRegistrationBean<>(new ServedDocuments());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		return registration;
	}

}

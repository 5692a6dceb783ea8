package org.haven.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * haven.base-url as application.yml resolves it from the environment: without
 * HAVEN_BASE_URL, links in mail and calendars point at the port Haven listens on (PORT),
 * not at 8080 whatever the port.
 */
class BaseUrlDefaultTests {

	@Test
	void withNothingSetItIsLocalhostOnPort8080() {
		assertThat(baseUrl(Map.of())).isEqualTo("http://localhost:8080");
	}

	@Test
	void withOnlyPortSetItFollowsThePort() {
		assertThat(baseUrl(Map.of("PORT", "9090"))).isEqualTo("http://localhost:9090");
	}

	@Test
	void anExplicitBaseUrlWinsOverThePort() {
		assertThat(baseUrl(Map.of("PORT", "9090", "HAVEN_BASE_URL", "https://care.example.org")))
			.isEqualTo("https://care.example.org");
	}

	@Test
	void theServerListensOnTheSamePort() {
		assertThat(resolve(Map.of("PORT", "9090"), "server.port")).isEqualTo("9090");
	}

	private static String baseUrl(Map<String, Object> environment) {
		return resolve(environment, "haven.base-url");
	}

	private static String resolve(Map<String, Object> variables, String key) {
		StandardEnvironment environment = new StandardEnvironment();
		// Only the given variables: the machine's own PORT or HAVEN_BASE_URL must not
		// leak into the test.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		try {
			new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
				.forEach(source -> environment.getPropertySources().addLast(source));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return environment.getProperty(key);
	}

}

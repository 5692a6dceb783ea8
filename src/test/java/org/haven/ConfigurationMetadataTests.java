package org.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Haven setting is described twice and the two agree: in application.yml, where an
 * operator reads it, and in the configuration metadata the annotation processor writes
 * from the properties records' javadoc (and
 * additional-spring-configuration-metadata.json), where an IDE offers it. A key bound in
 * code but missing from application.yml, or set there but unknown to the metadata, fails
 * here.
 */
class ConfigurationMetadataTests {

	private static final String PREFIX = "haven.";

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	@Test
	void everyKeyInApplicationYmlHasADescribedProperty() throws IOException {
		Map<String, String> described = describedProperties();
		assertThat(applicationYmlKeys()).isNotEmpty().allSatisfy((key) -> {
			assertThat(described).as("metadata of %s", key).containsKey(key);
			assertThat(described.get(key)).as("description of %s", key).isNotBlank();
		});
	}

	@Test
	void everyPropertyInTheMetadataIsDocumentedInApplicationYml() throws IOException {
		assertThat(applicationYmlKeys()).containsAll(describedProperties().keySet());
	}

	private static Set<String> applicationYmlKeys() throws IOException {
		try (InputStream yaml = new ClassPathResource("application.yml").getInputStream()) {
			Set<String> keys = new TreeSet<>();
			flatten("", new Yaml().load(yaml), keys);
			keys.removeIf((key) -> !key.startsWith(PREFIX));
			return keys;
		}
	}

	private static void flatten(String path, Object value, Set<String> keys) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(path.isEmpty() ? key.toString() : path + "." + key, child, keys));
		}
		else {
			keys.add(path);
		}
	}

	/** Haven's properties in the generated metadata, each with its description. */
	private static Map<String, String> describedProperties() throws IOException {
		try (InputStream json = havenMetadata().openStream()) {
			Map<String, String> properties = new TreeMap<>();
			for (JsonNode property : JsonMapper.builder().build().readTree(json).path("properties")) {
				String name = property.path("name").asString();
				if (name.startsWith(PREFIX)) {
					properties.put(name, property.path("description").asString(""));
				}
			}
			return properties;
		}
	}

	/** Haven's own, among the metadata files of every Spring jar on the classpath. */
	private static URL havenMetadata() throws IOException {
		List<URL> own = Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))
			.stream()
			.filter((url) -> "file".equals(url.getProtocol()))
			.toList();
		assertThat(own).as("metadata generated from Haven's classes").hasSize(1);
		return own.get(0);
	}

}

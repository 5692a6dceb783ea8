package org.haven.shared.data;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default's PostgreSQL, used when no {@code spring.datasource.url} is given.
 *
 * @param directory its data directory, kept across starts (the practice's data)
 * @param port its port on localhost; 0 for any free one
 */
@ConfigurationProperties("haven.embedded-database")
record EmbeddedDatabaseProperties(String directory, int port) {
}

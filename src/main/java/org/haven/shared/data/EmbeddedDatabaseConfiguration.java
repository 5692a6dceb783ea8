package org.haven.shared.data;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Without {@code spring.datasource.url} Haven starts its own PostgreSQL (the embedded
 * default) and builds the DataSource on it. A bean rather than an environment
 * post-processor: the DataSource cannot exist before the database it is built on, the
 * database stops with the application context, and a context that is given a URL
 * (production, every test) never starts one.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
		return EmbeddedDatabase.start(Path.of(properties.directory()), properties.port());
	}

	/**
	 * Pool settings still come from spring.datasource.hikari.*, as they would for any
	 * other database.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedDatabase database) {
		return DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.url(database.jdbcUrl())
			.username("postgres")
			.build();
	}

	static final class NoDatasourceUrl implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}

	}

}

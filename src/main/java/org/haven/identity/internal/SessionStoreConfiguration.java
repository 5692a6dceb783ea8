package org.haven.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The session store (Spring Session on PostgreSQL) writes a session's attributes with
 * {@code insert ... on conflict do update}. Requests of one session run at once (a page
 * and its scripts, two tabs, the first pages after signing in), and each may add the same
 * attribute, the CSRF token first of all: with a plain insert, every one but the first
 * failed with a duplicate key and the person got an error page.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

}

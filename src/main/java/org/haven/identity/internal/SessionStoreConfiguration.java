package org.haven.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * The session store (Spring Session on PostgreSQL).
 *
 * <p>
 * It writes a session's attributes with {@code insert ... on conflict do update}.
 * Requests of one session run at once (a page and its scripts, two tabs, the first pages
 * after signing in), and each may add the same attribute, the CSRF token first of all:
 * with a plain insert, every one but the first failed with a duplicate key and the person
 * got an error page.
 *
 * <p>
 * Every request sets a session's last access time, and the store then updates its row:
 * one write and one flush to disk per page view, the largest part of PostgreSQL's work
 * for a signed-in page. The update here leaves the row alone unless something else
 * changed (the session's id, principal or lifetime) or the stored time is older than
 * {@link IdentityProperties.Session#touchEvery()}: an update of no row writes nothing,
 * and its commit waits for no disk. The store's clean-up may then end an idle session up
 * to that much early, never late, as {@link SessionTimeoutFilter} does.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesUpsert() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTouchedOnlyWhenStale(
			IdentityProperties properties) {
		long staleMillis = properties.session().touchEvery().toMillis();
		// The parameters in the order the store binds them: session id, last access time,
		// lifetime in seconds, expiry time, principal, primary key.
		String update = """
				update %TABLE_NAME% s
				set session_id = v.session_id, last_access_time = v.last_access_time,
				    max_inactive_interval = v.max_inactive_interval, expiry_time = v.expiry_time,
				    principal_name = v.principal_name
				from (select cast(? as char(36)) as session_id, cast(? as bigint) as last_access_time,
				             cast(? as int) as max_inactive_interval, cast(? as bigint) as expiry_time,
				             cast(? as varchar(100)) as principal_name, cast(? as char(36)) as primary_id) v
				where s.primary_id = v.primary_id
				  and (s.session_id <> v.session_id
				       or s.max_inactive_interval <> v.max_inactive_interval
				       or s.principal_name is distinct from v.principal_name
				       or s.last_access_time <= v.last_access_time - :stale)
				""".replace(":stale", Long.toString(staleMillis));
		return (repository) -> repository.setUpdateSessionQuery(update);
	}

}

package org.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.haven.support.Postgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migrations build the whole schema on an empty PostgreSQL, the one engine of the
 * embedded default and production.
 */
class MigrationTests {

	static final List<String> TABLES = List.of("account", "account_token", "audit_entry", "audit_head",
			"event_publication", "invitation", "login_failure", "recovery_code", "spring_session",
			"spring_session_attributes", "therapist_profile", "therapist_licence", "therapist_tag", "therapist_photo",
			"care_request", "care_relationship", "consent_document", "consent_signature", "availability_settings",
			"availability_rule", "availability_day_off", "availability_time_off", "appointment", "appointment_claim",
			"mail_outbox", "notification_preference", "appointment_reminder", "calendar_feed", "visit_checkin", "visit",
			"conversation", "conversation_item", "message_attachment", "letter_thread", "letter_draft",
			"letter_reply_time", "unread_check", "unread_notified", "text_outbox", "text_segment", "text_receipt_early",
			"text_number", "text_opt_out", "text_code_send", "text_stranger_reply");

	@Test
	void migrationsRunOnPostgreSql() {
		check(new DriverManagerDataSource(Postgres.freshDatabase(), "postgres", "postgres"), "public");
	}

	private static void check(DriverManagerDataSource dataSource, String schema) {
		MigrateResult result = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration")
			.load()
			.migrate();
		assertThat(result.success).isTrue();
		assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(4);
		List<String> tables = JdbcClient.create(dataSource)
			.sql("select lower(table_name) from information_schema.tables where lower(table_schema) = :schema")
			.param("schema", schema)
			.query(String.class)
			.list();
		assertThat(tables).containsAll(TABLES);
		// The audit chain starts from its genesis row.
		assertThat(JdbcClient.create(dataSource).sql("select last_id from audit_head").query(Long.class).single())
			.isZero();
	}

}

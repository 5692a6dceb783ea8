package org.haven.shared.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default's PostgreSQL: durable as production's, and its data directory kept
 * across starts.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path data;

	@Test
	void commitsWaitForTheDiskAndTheDataOutlivesARestart() throws Exception {
		try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
			JdbcClient jdbc = jdbc(database);
			assertThat(database.stopsWithHavenOnly()).as("zonky's JVM hook must not stop it before the context closes")
				.isTrue();
			// zonky's own defaults for test databases (fsync off, synchronous_commit off)
			// must not leak in.
			assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
			jdbc.sql("create table kept (note varchar(20))").update();
			jdbc.sql("insert into kept values ('acknowledged')").update();
		}
		assertThat(Files.exists(data.resolve("postmaster.pid"))).as("stopped cleanly").isFalse();
		try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0)) {
			assertThat(jdbc(database).sql("select note from kept").query(String.class).list())
				.containsExactly("acknowledged");
		}
	}

	@Test
	void aPidFileOfAProcessThatIsGoneOrIsNotPostgreSqlIsNoOrphan() throws Exception {
		Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");
		assertThat(EmbeddedDatabase.orphan(data)).as("a live process that is not PostgreSQL").isEmpty();
		Files.writeString(data.resolve("postmaster.pid"), "not a pid\n");
		assertThat(EmbeddedDatabase.orphan(data)).isEmpty();
	}

	private static JdbcClient jdbc(EmbeddedDatabase database) {
		return JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl()));
	}

}

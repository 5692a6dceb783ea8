package org.haven.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL per test JVM, started on first use; its own shutdown hook stops it
 * when the JVM exits.
 */
public final class Postgres {

	private static EmbeddedPostgres instance;

	private static final AtomicInteger databases = new AtomicInteger();

	private Postgres() {
	}

	public static synchronized EmbeddedPostgres instance() {
		if (instance == null) {
			try {
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
				if (Boolean.getBoolean("haven.test.postgres.durable")) {
					// For measurements of the durable engine (docs/benchmarks.md):
					// commits wait for the disk, as on
					// Haven's embedded default and PostgreSQL's production defaults.
					// Tests keep zonky's fast settings.
					builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
				}
				instance = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
			}
		}
		return instance;
	}

	public static String jdbcUrl(String database) {
		return instance().getJdbcUrl("postgres", database);
	}

	/**
	 * A new, empty database in the shared server, for tests that need a schema of their
	 * own.
	 */
	public static String freshDatabase() {
		String name = "fresh_" + databases.incrementAndGet();
		try (Connection connection = instance().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return jdbcUrl(name);
	}

}

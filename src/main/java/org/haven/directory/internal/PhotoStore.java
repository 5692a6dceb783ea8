package org.haven.directory.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.haven.shared.time.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes sealed profile photos; never sees a readable image. */
@Repository
class PhotoStore {

	private final JdbcClient jdbc;

	PhotoStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void save(UUID accountId, String mediaType, byte[] sealed, Instant now) {
		Map<String, Object> params = Map.of("id", accountId, "upload", UUID.randomUUID(), "type", mediaType, "sealed",
				sealed, "now", Timestamps.utc(now));
		int updated = jdbc.sql("""
				update therapist_photo set upload_id = :upload, media_type = :type, sealed = :sealed, updated_at = :now
				where account_id = :id""").params(params).update();
		if (updated == 0) {
			jdbc.sql("""
					insert into therapist_photo (account_id, upload_id, media_type, sealed, updated_at)
					values (:id, :upload, :type, :sealed, :now)""").params(params).update();
		}
	}

	Optional<Sealed> load(UUID accountId) {
		return jdbc.sql("select media_type, sealed, updated_at from therapist_photo where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> new Sealed(rs.getString(1), rs.getBytes(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/** Which upload is current, without reading the image. */
	Optional<UUID> uploadId(UUID accountId) {
		return jdbc.sql("select upload_id from therapist_photo where account_id = :id")
			.param("id", accountId)
			.query(UUID.class)
			.optional();
	}

	boolean delete(UUID accountId) {
		return jdbc.sql("delete from therapist_photo where account_id = :id").param("id", accountId).update() == 1;
	}

	record Sealed(String mediaType, byte[] ciphertext, Instant updatedAt) {
	}

}

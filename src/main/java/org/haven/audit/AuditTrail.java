package org.haven.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.haven.shared.time.Timestamps;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way to write to the audit trail: {@code record(actor, action, subject)}.
 *
 * <p>
 * Entries are appended under a row lock on {@code audit_head}, which also keeps the id
 * and hash of the last entry: a deleted or edited entry anywhere, the last one included,
 * breaks verification. Entries name actors and subjects by id ({@code account:<uuid>}),
 * never by health data.
 */
@Service
public class AuditTrail {

	static final String GENESIS = "0".repeat(64);

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final AuditGroupCommit group;

	AuditTrail(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, @Lazy AuditGroupCommit group) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.group = group;
	}

	public static String account(Object accountId) {
		return "account:" + accountId;
	}

	@Transactional(propagation = Propagation.REQUIRED)
	public AuditEntry record(String actor, String action, String subject) {
		return record(actor, action, subject, null);
	}

	/**
	 * Appends an entry; joins the caller's transaction, so the entry commits or rolls
	 * back with the change.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public AuditEntry record(String actor, String action, String subject, String detail) {
		return appendAll(List.of(new Draft(actor, action, subject, detail, clock.instant()))).get(0);
	}

	/**
	 * Appends an entry of something read (a page view) and returns once it is committed
	 * and durable, in a transaction of its own shared with the entries of other requests
	 * that arrived meanwhile: one lock of the chain's head and one flush to disk for the
	 * group, not for each entry. Not to be called inside a transaction that has appended
	 * to the trail: the group waits for that transaction's lock of the head, and the call
	 * for the group.
	 * @throws AuditUnavailableException if it could not be written within a few seconds
	 */
	public void recordRead(String actor, String action, String subject) {
		group.append(new Draft(actor, action, subject, null, clock.instant()));
	}

	/**
	 * Appends entries in order, under one lock of the head; joins the caller's
	 * transaction.
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	List<AuditEntry> appendAll(List<Draft> drafts) {
		Head head = jdbc.sql("select last_id, last_hash from audit_head where singleton = 1 for update")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		List<AuditEntry> entries = new ArrayList<>(drafts.size());
		long lastId = head.lastId();
		String lastHash = head.lastHash();
		for (Draft draft : drafts) {
			long id = lastId + 1;
			Instant at = draft.at().truncatedTo(ChronoUnit.MILLIS);
			String safeActor = clip(draft.actor() == null ? "system" : draft.actor(), 120);
			String safeAction = clip(draft.action(), 80);
			String safeSubject = clip(draft.subject() == null ? "-" : draft.subject(), 200);
			String safeDetail = draft.detail() == null ? null : clip(draft.detail(), 500);
			String hash = hash(lastHash, id, at, safeActor, safeAction, safeSubject, safeDetail);
			entries.add(new AuditEntry(id, at, safeActor, safeAction, safeSubject, safeDetail, lastHash, hash));
			lastId = id;
			lastHash = hash;
		}
		jdbcTemplate.batchUpdate("""
				insert into audit_entry (id, occurred_at, actor, action, subject, detail, prev_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", entries, entries.size(), (statement, entry) -> {
			statement.setLong(1, entry.id());
			statement.setObject(2, Timestamps.utc(entry.occurredAt()));
			statement.setString(3, entry.actor());
			statement.setString(4, entry.action());
			statement.setString(5, entry.subject());
			statement.setString(6, entry.detail());
			statement.setString(7, entry.prevHash());
			statement.setString(8, entry.hash());
		});
		jdbc.sql("update audit_head set last_id = :id, last_hash = :hash where singleton = 1")
			.param("id", lastId)
			.param("hash", lastHash)
			.update();
		return entries;
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public List<AuditEntry> page(int page, int size) {
		return jdbc.sql("select * from audit_entry order by id desc limit :limit offset :offset")
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(AuditTrail::entry)
			.list();
	}

	@Transactional(readOnly = true)
	public long count() {
		return jdbc.sql("select count(*) from audit_entry").query(Long.class).single();
	}

	/** Entries about one subject (e.g. an account), newest first. */
	@Transactional(readOnly = true)
	public List<AuditEntry> about(String subject, int limit) {
		return jdbc.sql("select * from audit_entry where subject = :subject order by id desc limit :limit")
			.param("subject", subject)
			.param("limit", limit)
			.query(AuditTrail::entry)
			.list();
	}

	/** Walks the chain in batches and recomputes every hash. */
	@Transactional(readOnly = true)
	public ChainVerification verify() {
		Head head = jdbc.sql("select last_id, last_hash from audit_head where singleton = 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.single();
		String expectedPrev = GENESIS;
		long expectedId = 1;
		long checked = 0;
		long after = 0;
		while (true) {
			List<AuditEntry> batch = jdbc.sql("select * from audit_entry where id > :after order by id limit 1000")
				.param("after", after)
				.query(AuditTrail::entry)
				.list();
			for (AuditEntry entry : batch) {
				checked++;
				if (entry.id() != expectedId) {
					return ChainVerification.broken(checked, entry.id(), "entry " + expectedId + " is missing");
				}
				if (!entry.prevHash().equals(expectedPrev)) {
					return ChainVerification.broken(checked, entry.id(), "does not link to the entry before it");
				}
				String recomputed = hash(entry.prevHash(), entry.id(), entry.occurredAt(), entry.actor(),
						entry.action(), entry.subject(), entry.detail());
				if (!recomputed.equals(entry.hash())) {
					return ChainVerification.broken(checked, entry.id(),
							"its content was changed after it was written");
				}
				expectedPrev = entry.hash();
				expectedId++;
				after = entry.id();
			}
			if (batch.size() < 1000) {
				break;
			}
		}
		if (head.lastId() != expectedId - 1 || !head.lastHash().equals(expectedPrev)) {
			return ChainVerification.broken(checked, head.lastId(), "entries at the end of the trail are missing");
		}
		return ChainVerification.ok(checked);
	}

	static String hash(String prev, long id, Instant at, String actor, String action, String subject, String detail) {
		String canonical = String.join("\u001f", prev, Long.toString(id), at.toString(), actor, action, subject,
				detail == null ? "\u0000" : detail);
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("actor"), rs.getString("action"), rs.getString("subject"), rs.getString("detail"),
				rs.getString("prev_hash"), rs.getString("hash"));
	}

	private static String clip(String value, int max) {
		String clean = value.replaceAll("\\p{Cntrl}", " ");
		return clean.length() <= max ? clean : clean.substring(0, max);
	}

	private record Head(long lastId, String lastHash) {
	}

	/** An entry before it has its place in the chain. */
	record Draft(String actor, String action, String subject, String detail, Instant at) {
	}

}

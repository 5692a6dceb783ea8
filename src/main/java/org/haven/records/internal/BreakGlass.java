package org.haven.records.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.haven.audit.AuditTrail;
import org.haven.identity.AccountSummary;
import org.haven.identity.Accounts;
import org.haven.identity.Role;
import org.haven.shared.text.TextChecks;
import org.haven.shared.time.Timestamps;
import org.haven.shared.web.Refusal;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emergency ("break-glass") access, HIPAA 164.312(a)(2)(ii): an admin who states a reason
 * reads one client's record for a limited time. The grant is audited with its reason, the
 * client's treating therapists and the other admins are told at once
 * ({@link BreakGlassNotices}), every read made through it is audited with the reason
 * ({@link ChartAccess}), and the admin may end it early.
 */
@Service
@EnableConfigurationProperties(RecordsProperties.class)
public class BreakGlass {

	static final int MIN_REASON = 10;

	static final int MAX_REASON = 400;

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final BreakGlassNotices notices;

	private final AuditTrail audit;

	private final RecordsProperties properties;

	private final Clock clock;

	BreakGlass(JdbcClient jdbc, Accounts accounts, BreakGlassNotices notices, AuditTrail audit,
			RecordsProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.notices = notices;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Opens one client's record to the admin for the configured time; returns the
	 * client's id.
	 */
	@Transactional
	public UUID grant(UUID adminId, String clientEmail, String reason, boolean confirmed) {
		AccountSummary client = accounts
			.findByEmail(Refusal.required(clientEmail, "email",
					"Enter the email address of the client whose record you need."))
			.filter(a -> a.role() == Role.CLIENT)
			.orElseThrow(() -> Refusal.of("email", "No client has this email address."));
		String stated = TextChecks.field("reason", reason, MAX_REASON, true);
		Refusal.when(stated == null, "reason", "State why you need emergency access to this record.");
		Refusal.when(stated.codePointCount(0, stated.length()) < MIN_REASON, "reason",
				"Use at least " + MIN_REASON + " characters to state the reason.");
		Refusal.when(!confirmed, "confirm", "Confirm that this is an emergency.");
		Instant now = clock.instant();
		Refusal.when(active(adminId, client.id(), now), "email",
				"You already have emergency access to this client's record.");
		UUID id = UUID.randomUUID();
		Instant expires = now.plus(properties.breakGlassDuration());
		jdbc.sql("""
				insert into records_break_glass (id, admin_id, client_id, reason, granted_at, expires_at)
				values (:id, :admin, :client, :reason, :now, :expires)""")
			.param("id", id)
			.param("admin", adminId)
			.param("client", client.id())
			.param("reason", stated)
			.param("now", Timestamps.utc(now))
			.param("expires", Timestamps.utc(expires))
			.update();
		audit.record(AuditTrail.account(adminId), "BREAK_GLASS_GRANTED", "client:" + client.id(),
				"break-glass: " + stated);
		notices.granted(id, adminId, client.id(), expires);
		return client.id();
	}

	/** Ends the admin's own grant before it expires; false for anything else. */
	@Transactional
	public boolean end(UUID adminId, UUID grantId) {
		Instant now = clock.instant();
		int ended = jdbc.sql("""
				update records_break_glass set expires_at = :now, ended_at = :now
				where id = :id and admin_id = :admin and expires_at > :now""")
			.params(Map.of("now", Timestamps.utc(now), "id", grantId, "admin", adminId))
			.update();
		if (ended == 1) {
			audit.record(AuditTrail.account(adminId), "BREAK_GLASS_ENDED", "break-glass:" + grantId);
		}
		return ended == 1;
	}

	/** Every grant, newest first, with the names of the admin and the client. */
	@Transactional(readOnly = true)
	public List<Grant> grants() {
		return named(jdbc.sql("select * from records_break_glass order by granted_at desc limit 200")
			.query(this::row)
			.list());
	}

	/** The grants that opened this client's record, newest first. */
	@Transactional(readOnly = true)
	public List<Grant> grantsFor(UUID clientId) {
		return named(jdbc.sql("select * from records_break_glass where client_id = :c order by granted_at desc")
			.param("c", clientId)
			.query(this::row)
			.list());
	}

	private boolean active(UUID adminId, UUID clientId, Instant now) {
		return jdbc
			.sql("""
					select count(*) from records_break_glass where admin_id = :admin and client_id = :client and expires_at > :now""")
			.param("admin", adminId)
			.param("client", clientId)
			.param("now", Timestamps.utc(now))
			.query(Long.class)
			.single() > 0;
	}

	private List<Grant> named(List<Grant> grants) {
		Map<UUID, String> names = accounts
			.findAll(grants.stream().flatMap(g -> Stream.of(g.adminId(), g.clientId())).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(AccountSummary::id, AccountSummary::displayName));
		Function<UUID, String> name = id -> names.getOrDefault(id, "(unknown)");
		Instant now = clock.instant();
		return grants.stream()
			.map(g -> new Grant(g.id(), g.adminId(), name.apply(g.adminId()), g.clientId(), name.apply(g.clientId()),
					g.reason(), g.grantedAt(), g.expiresAt(), g.endedEarly(), g.expiresAt().isAfter(now)))
			.toList();
	}

	private Grant row(ResultSet rs, int n) throws SQLException {
		return new Grant(rs.getObject("id", UUID.class), rs.getObject("admin_id", UUID.class), null,
				rs.getObject("client_id", UUID.class), null, rs.getString("reason"),
				rs.getObject("granted_at", OffsetDateTime.class).toInstant(),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getObject("ended_at") != null, false);
	}

	/**
	 * A break-glass grant.
	 *
	 * @param endedEarly the admin ended it before it expired
	 * @param active it still opens the record
	 */
	public record Grant(UUID id, UUID adminId, String adminName, UUID clientId, String clientName, String reason,
			Instant grantedAt, Instant expiresAt, boolean endedEarly, boolean active) {
	}

}
